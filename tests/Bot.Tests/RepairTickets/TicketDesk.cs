using WechatLogistics.Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.RepairTickets;

namespace WechatLogistics.Bot.Tests.RepairTickets;

/// <summary>
/// The repair handlers over one real database, each call in its own DbContext as requests would run them; the clock
/// is fake so numbers and due times are exact.
/// </summary>
public sealed class TicketDesk(TestDatabase database)
{
    public const string Student = "o-student-0001";
    public const string Stranger = "o-student-0002";
    public const string Worker = "li.si";

    /// <summary>17:30 UTC is 01:30 the next day on campus: the number carries the campus date.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 17, 30, 0, TimeSpan.Zero));

    public MemoryCache Cache { get; } = new(new MemoryCacheOptions());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static OpenRepairTicketCommand Report(string key, string reporter = Student, string category = "WATER-TAP", IReadOnlyList<TicketPhoto>? photos = null) =>
        new(reporter, ReferenceDataSeed.CategoryId(category), ReferenceDataSeed.LocationId("E-D01"), "东区学生公寓1号楼 302",
            "水龙头一直滴水", photos ?? [new TicketPhoto("media-1", "http://mmbiz.qpic.cn/1.jpg")], null, key);

    public Task<OpenRepairTicketResult> OpenAsync(OpenRepairTicketCommand command) =>
        RunAsync(db => new OpenRepairTicketCommandHandler(db, Cache, Clock).Handle(command, Ct));

    public Task<RepairTicketChangedResult> CancelAsync(Guid id, string who) =>
        RunAsync(db => new CancelRepairTicketCommandHandler(db, Clock).Handle(new CancelRepairTicketCommand(id, who, "已自行修好"), Ct));

    public Task<RepairTicketChangedResult> ConfirmAsync(Guid id, string who, int rating, string? comment = null) =>
        RunAsync(db => new ConfirmRepairCommandHandler(db, Clock).Handle(new ConfirmRepairCommand(id, who, rating, comment), Ct));

    public Task<RepairTicketChangedResult> ReopenAsync(Guid id, string who, string reason) =>
        RunAsync(db => new ReopenRepairTicketCommandHandler(db, Clock).Handle(new ReopenRepairTicketCommand(id, who, reason), Ct));

    public Task<RepairTicketPage> ListAsync(string who, bool includeClosed = false, int page = 1, int pageSize = 10) =>
        RunAsync(db => new ListMyRepairTicketsQueryHandler(db, Cache).Handle(new ListMyRepairTicketsQuery(who, includeClosed, page, pageSize), Ct));

    public Task<RepairTicketDetails> GetAsync(Guid? id, string? number, string who) =>
        RunAsync(db => new GetRepairTicketQueryHandler(db, Cache).Handle(new GetRepairTicketQuery(id, number, who), Ct));

    /// <summary>
    /// Staff and a worker take the ticket to Resolved through the domain, as the staff side would, over the next hour;
    /// the clock then stands after the repair.
    /// </summary>
    public async Task ResolveAsync(Guid id)
    {
        await using var db = database.CreateContext();
        var ticket = await db.RepairTickets.SingleAsync(t => t.Id == id, Ct);
        var now = Clock.GetUtcNow();
        ticket.Assign(Worker, Actor.Staff("dispatcher"), now);
        ticket.Accept(Worker, now.AddMinutes(10));
        ticket.Start(Worker, now.AddMinutes(30));
        ticket.Resolve(Worker, "换了阀芯", now.AddHours(1));
        await db.SaveChangesAsync(Ct);
        Clock.Advance(TimeSpan.FromHours(2));
    }

    public async Task<RepairTicket> LoadAsync(Guid id)
    {
        await using var db = database.CreateContext();
        return await db.RepairTickets.AsNoTracking().Include(t => t.Timeline.OrderBy(e => e.At)).SingleAsync(t => t.Id == id, Ct);
    }

    public async Task<int> CountAsync()
    {
        await using var db = database.CreateContext();
        return await db.RepairTickets.CountAsync(Ct);
    }

    private async Task<T> RunAsync<T>(Func<AppDbContext, ValueTask<T>> handle)
    {
        await using var db = database.CreateContext();
        return await handle(db);
    }
}
