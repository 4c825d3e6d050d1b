using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Bot.Tests.Persistence;

public sealed class RepairTicketStorageTests
{
    private const string Student = "o-student-0001";
    private const string Worker = "zhang.san";

    // Whole seconds in UTC: PostgreSQL keeps microseconds, so these compare exactly after a round trip.
    private static readonly DateTimeOffset OpenedAt = new(2025, 9, 3, 1, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2025, 9, 3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Ticket_OpenedThenWorkedInLaterRequests_ReloadsWithTimelineAndPhotos(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.InitializeAsync();
        TicketPhoto[] photos = [new("media-0001", null), new(null, "https://img.example.edu/a.jpg"), new("media-0002", "https://img.example.edu/b.jpg")];
        var ticketId = await OpenAsync(database, photos);

        // Each step in its own context, loading the ticket without its history, as a request handler would.
        await ActAsync(database, ticketId, t => t.Assign(Worker, Actor.Staff("dispatcher"), OpenedAt.AddMinutes(5)));
        await ActAsync(database, ticketId, t => t.Accept(Worker, OpenedAt.AddMinutes(20)));
        await ActAsync(database, ticketId, t => t.Start(Worker, OpenedAt.AddHours(1)));
        await ActAsync(database, ticketId, t => t.Resolve(Worker, "更换了水龙头阀芯", OpenedAt.AddHours(2)));

        await using var db = database.CreateContext();
        var ticket = await db.RepairTickets.Include(t => t.Timeline.OrderBy(e => e.At)).SingleAsync(t => t.Id == ticketId, Ct);
        Assert.Equal("R20250903-0001", ticket.Number.ToString());
        Assert.Equal(TicketStatus.Resolved, ticket.Status);
        Assert.Equal(5, ticket.Version);
        Assert.Equal(photos, ticket.Photos);
        Assert.Equal(OpenedAt.AddMinutes(20), ticket.FirstResponseAt);
        Assert.Equal(OpenedAt + SlaPolicy.Default.Normal.Resolution, ticket.ResolveDueAt);
        Assert.Equal(
            [TicketTimelineAction.Opened, TicketTimelineAction.Assigned, TicketTimelineAction.Accepted, TicketTimelineAction.Started, TicketTimelineAction.Resolved],
            ticket.Timeline.Select(e => e.Action));
        Assert.Equal([OpenedAt, OpenedAt.AddMinutes(5), OpenedAt.AddMinutes(20), OpenedAt.AddHours(1), OpenedAt.AddHours(2)], ticket.Timeline.Select(e => e.At));
        Assert.Equal((ActorKind.Staff, "dispatcher", Worker), (ticket.Timeline[1].ActorKind, ticket.Timeline[1].ActorId, ticket.Timeline[1].AssigneeId));
        Assert.Equal("更换了水龙头阀芯", ticket.Timeline[^1].Note);
        Assert.Equal(ticketId, (await db.RepairTickets.SingleAsync(t => t.Number == RepairTicketNumber.Parse("R20250903-0001"), Ct)).Id);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Ticket_WithANumberAlreadyTaken_IsNotSaved(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.InitializeAsync();
        await OpenAsync(database, [], sequence: 7);

        await Assert.ThrowsAsync<DbUpdateException>(() => OpenAsync(database, [], sequence: 7));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Ticket_ChangedByTwoRequestsAtOnce_TheSecondSaveConflicts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.InitializeAsync();
        var ticketId = await OpenAsync(database, []);
        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var byDispatcher = await first.RepairTickets.SingleAsync(t => t.Id == ticketId, Ct);
        var byStudent = await second.RepairTickets.SingleAsync(t => t.Id == ticketId, Ct);

        byDispatcher.Assign(Worker, Actor.Staff("dispatcher"), OpenedAt.AddMinutes(1));
        byStudent.Cancel(Student, "已自行修好", OpenedAt.AddMinutes(1));
        await first.SaveChangesAsync(Ct);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task NextTicketSequence_TwentyConcurrentCallers_GetOneToTwentyEachOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.InitializeAsync();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            await using var db = database.CreateContext();
            return await db.NextTicketSequenceAsync(Day, CancellationToken.None);
        })).ToList();
        start.SetResult();
        var values = await Task.WhenAll(callers);

        Assert.Equal(Enumerable.Range(1, 20), values.Order());
        await using var other = database.CreateContext();
        Assert.Equal(1, await other.NextTicketSequenceAsync(Day.AddDays(1), Ct));
        Assert.Equal(21, await other.NextTicketSequenceAsync(Day, Ct));
    }

    [Fact]
    public async Task StudentsTicketList_ReadsOneTableThroughTheReporterIndex()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.InitializeAsync();
        await OpenAsync(database, [new("media-0001", null)]);
        await using var db = database.CreateContext();
        var myTickets = db.RepairTickets.Where(t => t.ReporterOpenId == Student).OrderByDescending(t => t.OpenedAt).Take(20);

        var plan = await ExplainAsync(db, myTickets.ToQueryString());
        var listed = Assert.Single(await myTickets.ToListAsync(Ct));

        // An index seek in date order, no sort, no join: the cost stays flat however many tickets others have.
        Assert.Contains("USING INDEX IX_RepairTickets_ReporterOpenId_OpenedAt (", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TicketTimelineEntries", myTickets.ToQueryString(), StringComparison.Ordinal);
        Assert.Empty(listed.Timeline);
        Assert.Single(listed.Photos);
    }

    private static async Task<Guid> OpenAsync(TestDatabase database, IReadOnlyList<TicketPhoto> photos, int? sequence = null)
    {
        await using var db = database.CreateContext();
        var number = RepairTicketNumber.Create(Day, sequence ?? await db.NextTicketSequenceAsync(Day, Ct));
        var ticket = RepairTicket.Open(
            number, Student, ReferenceDataSeed.CategoryId("WATER-TAP"), ReferenceDataSeed.LocationId("E-D01"), "302室",
            "水龙头一直滴水", photos, Priority.Normal, SlaPolicy.Default, OpenedAt);
        db.RepairTickets.Add(ticket);
        await db.SaveChangesAsync(Ct);
        return ticket.Id;
    }

    private static async Task ActAsync(TestDatabase database, Guid ticketId, Action<RepairTicket> action)
    {
        await using var db = database.CreateContext();
        var ticket = await db.RepairTickets.SingleAsync(t => t.Id == ticketId, Ct);
        action(ticket);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>SQLite's plan for EF's SQL; ToQueryString lists the parameters as ".param set @name value" lines.</summary>
    private static async Task<string> ExplainAsync(AppDbContext db, string queryString)
    {
        var lines = queryString.Split('\n');
        var sql = string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        foreach (var parameter in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)).Select(l => l.Split(' ', 4)))
        {
            sql = sql.Replace(parameter[2], parameter[3].TrimEnd('\r'), StringComparison.Ordinal);
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var plan = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            plan.Add(reader.GetString(3));
        }

        return string.Join('\n', plan);
    }
}
