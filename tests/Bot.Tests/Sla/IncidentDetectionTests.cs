using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.Outbox.Channels;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Incidents;

namespace WechatLogistics.Bot.Tests.Sla;

public sealed class IncidentDetectionTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ThreeReportsIn30Minutes_OpenOneIncident_AndAFourthLinksToIt(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Start);
        // One trade (水), one building: the building itself, one of its floors, a sub-category of the same trade.
        var first = await DetectedAsync(desk, await desk.OpenAsync("WATER-TAP", "E-D01", "o-1", Start));
        var second = await DetectedAsync(desk, await desk.OpenAsync("WATER-LEAK", "E-D01-F3", "o-2", Start.AddMinutes(12)));
        var otherTrade = await DetectedAsync(desk, await desk.OpenAsync("ELEC-LIGHT", "E-D01", "o-3", Start.AddMinutes(20)));
        var otherBuilding = await DetectedAsync(desk, await desk.OpenAsync("WATER-TAP", "E-D02", "o-4", Start.AddMinutes(25)));
        var thirdId = await desk.OpenAsync("WATER-TAP", "E-D01-F5", "o-5", Start.AddMinutes(30));
        var third = await DetectedAsync(desk, thirdId);
        var fourth = await DetectedAsync(desk, await desk.OpenAsync("WATER-TOILET", "E-D01", "o-6", Start.AddMinutes(90)));

        Assert.Equal([null, null, null, null], new[] { first, second, otherTrade, otherBuilding });
        Assert.NotNull(third);
        Assert.Equal(third, fourth);
        var incident = await IncidentAsync(desk, third.Value);
        Assert.Equal((IncidentStatus.Open, 4, 4), (incident.Status, incident.TicketCount, incident.Tickets.Count));
        Assert.Equal(ReferenceDataSeed.CategoryId("WATER"), incident.CategoryId);
        Assert.Equal(ReferenceDataSeed.LocationId("E-D01"), incident.BuildingId);
        Assert.Equal((Start, Start.AddMinutes(90)), (incident.FirstReportAt, incident.LastReportAt));
        var alert = Assert.Single(await desk.OutboxAsync(OutboxChannel.WeComRobot), r => r.IdempotencyKey.Contains("incident-opened", StringComparison.Ordinal));
        var markdown = Bot.Outbox.OutboxJsonContext.Deserialize(alert.Payload).Text;
        Assert.Contains("东区学生公寓1号楼 短时间内3起「水」报修", markdown, StringComparison.Ordinal);
        Assert.Contains("R20260302-0001、R20260302-0002、R20260302-0005", markdown, StringComparison.Ordinal);
        // Detecting the same ticket again (a retried outbox row) changes nothing.
        Assert.Equal(third, await DetectedAsync(desk, thirdId));
        Assert.Equal(4, (await IncidentAsync(desk, third.Value)).TicketCount);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ThreeReportsSpreadOverMoreThan30Minutes_OpenNoIncident(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Start);
        var ids = new List<Guid>
        {
            await desk.OpenAsync(reporter: "o-1", at: Start),
            await desk.OpenAsync(reporter: "o-2", at: Start.AddMinutes(20)),
            await desk.OpenAsync(reporter: "o-3", at: Start.AddMinutes(41)),
        };

        foreach (var id in ids)
        {
            Assert.Null(await DetectedAsync(desk, id));
        }

        await using var db = desk.Database.CreateContext();
        Assert.Equal(0, await db.Incidents.CountAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ReportsDetectedConcurrently_OpenExactlyOneIncident_LinkingAllOfThem(DatabaseProvider provider)
    {
        const int reports = 6;
        await using var desk = await StaffDesk.CreateAsync(provider, Start);
        var ids = await OpenReportsAsync(desk, reports, "o", _ => null);

        var results = await Task.WhenAll(ids.Select(id => Task.Run(() => DetectedAsync(desk, id))));

        await using var db = desk.Database.CreateContext();
        var incident = await db.Incidents.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(reports, incident.TicketCount);
        Assert.Equal(ids.Order(), incident.Tickets.Select(t => t.TicketId).Order());
        Assert.All(results, r => Assert.True(r is null || r == incident.Id));
        Assert.Single(await desk.OutboxAsync(OutboxChannel.WeComRobot), r => r.IdempotencyKey.Contains("incident-opened", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AStormIntoAnOpenIncident_LinksEveryReportOnce_CountAndVersionMoveByOneEach(DatabaseProvider provider)
    {
        const int storm = 40;
        await using var desk = await StaffDesk.CreateAsync(provider, Start);
        // A report from well before the burst (outside its window, so the incident does not open with it), detected
        // only with the storm: the incident's span widens back to it.
        var early = await desk.OpenAsync(reporter: "o-early", at: Start);
        var opened = await BurstAsync(desk, Start.AddMinutes(40));
        var version = (await IncidentAsync(desk, opened)).Version;
        var ids = await OpenReportsAsync(desk, storm, "s", i => Start.AddMinutes(43).AddSeconds(i));

        var results = await Task.WhenAll(ids.Append(early).Select(id => Task.Run(() => DetectedAsync(desk, id))));
        // Every detection again, as retried outbox rows would: nothing moves.
        var repeated = await Task.WhenAll(ids.Select(id => Task.Run(() => DetectedAsync(desk, id))));

        Assert.All(results.Concat(repeated), r => Assert.Equal(opened, r));
        var incident = await IncidentAsync(desk, opened);
        Assert.Equal((3 + storm + 1, 3 + storm + 1), (incident.TicketCount, incident.Tickets.Count));
        Assert.Equal(version + storm + 1, incident.Version);
        Assert.Equal((Start, Start.AddMinutes(43).AddSeconds(storm - 1)), (incident.FirstReportAt, incident.LastReportAt));
        Assert.Single(await desk.OutboxAsync(OutboxChannel.WeComRobot), r => r.IdempotencyKey.Contains("incident-opened", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task LinkToOpenIncident_LeavesOutLinkedReports_AndRefusesAClosedIncident_ChangingNothing_AlsoInsideATransaction(DatabaseProvider provider)
    {
        // A report from before the burst, outside its window: the link widens the incident's span back to it.
        await using var desk = await StaffDesk.CreateAsync(provider, Start.AddMinutes(-40));
        var early = await desk.OpenAsync(reporter: "o-early", at: Start.AddMinutes(-40));
        var first = await BurstAsync(desk, Start);
        var linkedReport = (await IncidentAsync(desk, first)).Tickets[0].TicketId;
        var loose = await desk.OpenAsync(reporter: "o-loose", at: Start.AddMinutes(5));
        var before = await IncidentAsync(desk, first);

        await using (var db = desk.Database.CreateContext())
        {
            Assert.Empty((await db.LinkToOpenIncidentAsync(first, [(linkedReport, Start.AddMinutes(1))], Start.AddMinutes(6), Ct))!);
            await using var transaction = await db.BeginTransactionAsync(Ct);
            Assert.Empty((await db.LinkToOpenIncidentAsync(first, [(linkedReport, Start.AddMinutes(1))], Start.AddMinutes(6), Ct))!);
            var linked = await db.LinkToOpenIncidentAsync(first, [(linkedReport, Start.AddMinutes(1)), (loose, Start.AddMinutes(5)), (early, Start.AddMinutes(-40))], Start.AddMinutes(6), Ct);
            Assert.Equal(new[] { loose, early }.Order(), linked!.Order());
            await transaction.CommitAsync(Ct);
        }

        var after = await IncidentAsync(desk, first);
        Assert.Equal((before.TicketCount + 2, before.Version + 2), (after.TicketCount, after.Version));
        Assert.Equal((Start.AddMinutes(-40), Start.AddMinutes(5)), (after.FirstReportAt, after.LastReportAt));
        Assert.Contains(after.Tickets, t => t.TicketId == loose && t.ReportedAt == Start.AddMinutes(5));

        await desk.SendAsync(new CloseIncidentCommand(first, "li.laoshi"));
        var closed = await IncidentAsync(desk, first);
        var late = await desk.OpenAsync(reporter: "o-late", at: Start.AddMinutes(7));
        var later = await desk.OpenAsync(reporter: "o-later", at: Start.AddMinutes(8));
        await using (var db = desk.Database.CreateContext())
        {
            Assert.Null(await db.LinkToOpenIncidentAsync(first, [(late, Start.AddMinutes(7))], Start.AddMinutes(8), Ct));
            await using var transaction = await db.BeginTransactionAsync(Ct);
            Assert.Null(await db.LinkToOpenIncidentAsync(first, [(late, Start.AddMinutes(7)), (later, Start.AddMinutes(8))], Start.AddMinutes(9), Ct));
            await transaction.CommitAsync(Ct);
        }

        var unchanged = await IncidentAsync(desk, first);
        Assert.Equal((closed.TicketCount, closed.Version, closed.Tickets.Count), (unchanged.TicketCount, unchanged.Version, unchanged.Tickets.Count));
        await using (var db = desk.Database.CreateContext())
        {
            Assert.False(await db.Incidents.SelectMany(i => i.Tickets).AnyAsync(t => t.TicketId == late || t.TicketId == later, Ct));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ChecksRunTogether_DecideAsOneAfterAnother_OneIncidentForTheBurst_NothingForTheOthers(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Start.AddHours(-2));
        // 水 in 东区1号楼: one report two hours before (outside every window), then four, the first three within 30
        // minutes; 电 in the same building and 水 next door within the same half hour; a report with no building.
        var before = await desk.OpenAsync("WATER-TAP", "E-D01", "o-0", Start.AddHours(-2));
        var water = new List<Guid>
        {
            await desk.OpenAsync("WATER-TAP", "E-D01", "o-1", Start),
            await desk.OpenAsync("WATER-LEAK", "E-D01-F3", "o-2", Start.AddMinutes(12)),
        };
        var otherTrade = await desk.OpenAsync("ELEC-LIGHT", "E-D01", "o-5", Start.AddMinutes(20));
        var otherBuilding = await desk.OpenAsync("WATER-TAP", "E-D02", "o-6", Start.AddMinutes(25));
        water.Add(await desk.OpenAsync("WATER-TAP", "E-D01-F5", "o-3", Start.AddMinutes(30)));
        water.Add(await desk.OpenAsync("WATER-TOILET", "E-D01", "o-4", Start.AddMinutes(90)));
        var unknown = Guid.CreateVersion7();
        List<Guid> asked = [water[3], otherBuilding, water[1], unknown, before, otherTrade, water[0], water[2], water[1]];

        var decided = await desk.SendAsync(new DetectIncidentsCommand(asked));

        Assert.Equal(asked.Distinct().Order(), decided.Keys.Order());
        var incident = Assert.Single(await AllIncidentsAsync(desk));
        Assert.All(water, id => Assert.Equal(incident.Id, decided[id]));
        Assert.All(new[] { before, otherTrade, otherBuilding, unknown }, id => Assert.Null(decided[id]));
        Assert.Equal((4, 4), (incident.TicketCount, incident.Tickets.Count));
        Assert.Equal(water.Order(), incident.Tickets.Select(t => t.TicketId).Order());
        Assert.Equal((Start, Start.AddMinutes(90)), (incident.FirstReportAt, incident.LastReportAt));
        Assert.Single(await desk.OutboxAsync(OutboxChannel.WeComRobot), r => r.IdempotencyKey.Contains("incident-opened", StringComparison.Ordinal));

        // Asked again (a retried outbox row): the same answers, nothing moves. (Not the report from before: checked
        // now, the open incident of its trade and building would take it.)
        List<Guid> retried = [.. asked.Where(id => id != before)];
        var again = await desk.SendAsync(new DetectIncidentsCommand(retried));
        Assert.All(retried, id => Assert.Equal(decided[id], again[id]));
        Assert.Equal((incident.TicketCount, incident.Version), ((await IncidentAsync(desk, incident.Id)).TicketCount, (await IncidentAsync(desk, incident.Id)).Version));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OverlappingBatchesAndSinglesRacing_OpenExactlyOneIncident_LinkingEveryReportOnce(DatabaseProvider provider)
    {
        const int reports = 30;
        await using var desk = await StaffDesk.CreateAsync(provider, Start);
        var ids = await OpenReportsAsync(desk, reports, "r", i => Start.AddSeconds(20 * i));

        // Three batches over the reports (overlapping, in different orders) and five single checks, all at once.
        List<Guid>[] batches = [[.. ids.Take(15)], [.. ids.Skip(10).Reverse()], [.. ids.Where((_, i) => i % 3 == 0)]];
        var batchRuns = batches.Select(b => Task.Run(() => desk.SendAsync(new DetectIncidentsCommand(b))));
        var singleRuns = ids.Skip(5).Take(5).Select(id => Task.Run(() => DetectedAsync(desk, id)));
        var answers = await Task.WhenAll(batchRuns);
        var singles = await Task.WhenAll(singleRuns);

        var incident = Assert.Single(await AllIncidentsAsync(desk));
        Assert.Equal((reports, reports), (incident.TicketCount, incident.Tickets.Count));
        Assert.Equal(ids.Order(), incident.Tickets.Select(t => t.TicketId).Order());
        Assert.All(answers.SelectMany(a => a.Values).Concat(singles), r => Assert.True(r is null || r == incident.Id));
        Assert.Single(await desk.OutboxAsync(OutboxChannel.WeComRobot), r => r.IdempotencyKey.Contains("incident-opened", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheIncidentCheckChannel_RunsCombinedRowsAsOneDetection(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Start);
        var ids = await OpenReportsAsync(desk, 12, "c", i => Start.AddMinutes(i));

        var rows = await desk.OutboxAsync(OutboxChannel.IncidentCheck);
        Assert.Equal(12, rows.Count);
        var channel = desk.Services.GetServices<IOutboxChannel>().Single(c => c.Channel == OutboxChannel.IncidentCheck);
        Assert.True(channel.CombineAtMost >= 12);
        var contents = rows.Select(r => OutboxJsonContext.Deserialize(r.Payload)).ToList();
        Assert.All(rows, r => Assert.Equal(rows[0].Recipient, channel.CombineKey(r, contents[0])));

        var outcome = await channel.SendAsync(rows[0], channel.Combine(contents), Ct);

        Assert.IsType<SendOutcome.Delivered>(outcome);
        var incident = Assert.Single(await AllIncidentsAsync(desk));
        Assert.Equal(ids.Order(), incident.Tickets.Select(t => t.TicketId).Order());
        Assert.IsType<SendOutcome.Skip>(await channel.SendAsync(rows[0], new OutboxContent { Text = "not-an-id,also-not" }, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ClosedIncident_ANewBurstOpensAnotherOne(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Start);
        var first = await BurstAsync(desk, Start);
        await desk.SendAsync(new CloseIncidentCommand(first, "li.laoshi"));
        var afterClose = await DetectedAsync(desk, await desk.OpenAsync(reporter: "o-3", at: Start.AddMinutes(10)));
        Guid? second = null;
        for (var i = 4; i < 6; i++)
        {
            second = await DetectedAsync(desk, await desk.OpenAsync(reporter: $"o-{i}", at: Start.AddMinutes(10 + i)));
        }

        Assert.Null(afterClose); // the closed incident's reports do not count again
        Assert.NotNull(second);
        Assert.NotEqual<Guid?>(first, second);
        Assert.Equal(IncidentStatus.Closed, (await IncidentAsync(desk, first)).Status);
        Assert.Equal(3, (await IncidentAsync(desk, second.Value)).TicketCount);
        var again = await Assert.ThrowsAsync<WechatLogistics.Domain.Common.DomainException>(() => desk.SendAsync(new CloseIncidentCommand(first, "li.laoshi")));
        Assert.Equal("incident.closed", again.Code);
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void HasBurst_ThreeReportsSpanningAtMostTheWindow(int lastMinute, bool expected)
    {
        DateTimeOffset[] times = [Start, Start.AddMinutes(lastMinute / 2), Start.AddMinutes(lastMinute)];
        Assert.Equal(expected, DetectIncidentCommandHandler.HasBurst(times, 3, TimeSpan.FromMinutes(30)));
    }

    /// <summary>Three reports of 水 in 东区1号楼 a minute apart from <paramref name="from"/>: the third opens an incident.</summary>
    private static async Task<Guid> BurstAsync(StaffDesk desk, DateTimeOffset from)
    {
        Guid? opened = null;
        for (var i = 0; i < 3; i++)
        {
            opened = await DetectedAsync(desk, await desk.OpenAsync(reporter: $"o-{i}", at: from.AddMinutes(i)));
        }

        return opened ?? throw new InvalidOperationException("Three reports within the window opened no incident.");
    }

    /// <summary>Reports of 水 in 东区1号楼 by reporters "{prefix}-{i}", each at <paramref name="at"/>(i) (null: the clock's time).</summary>
    private static async Task<List<Guid>> OpenReportsAsync(StaffDesk desk, int count, string prefix, Func<int, DateTimeOffset?> at)
    {
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(await desk.OpenAsync(reporter: $"{prefix}-{i}", at: at(i)));
        }

        return ids;
    }

    private static Task<Guid?> DetectedAsync(StaffDesk desk, Guid ticketId) => desk.SendAsync(new DetectIncidentCommand(ticketId));

    private static async Task<List<Incident>> AllIncidentsAsync(StaffDesk desk)
    {
        await using var db = desk.Database.CreateContext();
        return await db.Incidents.AsNoTracking().ToListAsync(Ct);
    }

    private static async Task<Incident> IncidentAsync(StaffDesk desk, Guid id)
    {
        await using var db = desk.Database.CreateContext();
        return await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id, Ct);
    }
}
