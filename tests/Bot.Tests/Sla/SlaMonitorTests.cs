using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Sla;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Sla;

namespace WechatLogistics.Bot.Tests.Sla;

public sealed class SlaMonitorTests
{
    private const string Worker = "li.si";

    // 10:00 on campus. Normal priority: response due at 8 h (warn at 6 h 24 min), resolution at 24 h (warn at 19 h 12 min).
    private static readonly DateTimeOffset Opened = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Scan_WarnsTheAssigneeAtExactly80Percent_AndTheSupervisorsAtBreach_EachOnce(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Opened);
        var id = await desk.OpenAsync();
        await desk.ActAsync(id, t => t.Assign(Worker, Actor.Staff("dispatcher"), Opened.AddMinutes(5)));

        var before = await ScanAtAsync(desk, Opened + TimeSpan.FromMinutes(384) - TimeSpan.FromSeconds(1));
        var atWarning = await ScanAtAsync(desk, Opened + TimeSpan.FromMinutes(384));
        var again = await ScanAtAsync(desk, Opened + TimeSpan.FromMinutes(479));
        var atBreach = await ScanAtAsync(desk, Opened + TimeSpan.FromHours(8));
        var afterBreach = await ScanAtAsync(desk, Opened + TimeSpan.FromHours(9));

        Assert.Equal(new SlaScanResult(0, 0, 0), before);
        Assert.Equal(new SlaScanResult(1, 0, 0), atWarning);
        Assert.Equal(new SlaScanResult(0, 0, 0), again);
        Assert.Equal(new SlaScanResult(0, 1, 0), atBreach);
        Assert.Equal(new SlaScanResult(0, 0, 0), afterBreach);
        var rows = await desk.SlaMessagesAsync();
        Assert.Equal(2, rows.Count);
        var (warning, breach) = (Content(rows[0]), Content(rows[1]));
        Assert.Equal(Worker, warning.WeComToUser);
        Assert.Equal(StaffDesk.Supervisor, breach.WeComToUser);
        Assert.Contains("【即将超时】报修单 R20260302-0001", warning.Text);
        Assert.Contains("地点：东区学生公寓1号楼", warning.Text);
        Assert.Contains("类别：水 / 水龙头", warning.Text);
        Assert.Contains("响应时限 03-02 18:00，还剩1小时36分。请尽快接单。", warning.Text);
        Assert.Contains("已超过响应时限不到1分钟", breach.Text);
        Assert.Contains("处理人：li.si", breach.Text);
        // Their lines in a digest, should they queue behind the member's 30 messages a minute.
        Assert.Equal("【即将超时】R20260302-0001 东区学生公寓1号楼 · 水 / 水龙头 · 响应还剩1小时36分", warning.Summary);
        Assert.Equal("【已超时】R20260302-0001 东区学生公寓1号楼 · 水 / 水龙头 · 超响应时限不到1分钟", breach.Summary);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Breach_GoesToTheDispatchersOfTheTicketsTeam_AndTheSupervisors_NotToOtherTeams(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Opened);
        var water = Domain.ReferenceData.ReferenceDataSeed.TeamId("WATER-ELEC");
        var network = Domain.ReferenceData.ReferenceDataSeed.TeamId("NETWORK");
        await desk.SendAsync(new Handlers.StaffAdmin.CreateStaffMemberCommand("demo-staff", "disp.water", "水电调度", "9001", Domain.Staff.StaffRole.Dispatcher, water));
        await desk.SendAsync(new Handlers.StaffAdmin.CreateStaffMemberCommand("demo-staff", "disp.net", "网络调度", "9002", Domain.Staff.StaffRole.Dispatcher, network));
        await desk.SendAsync(new Handlers.StaffAdmin.CreateStaffMemberCommand("demo-staff", "disp.all", "总调度", "9000", Domain.Staff.StaffRole.Dispatcher, null));
        // A water report is routed to 水电班 (no worker there yet, so it waits unassigned in that team's queue).
        await desk.OpenAsync();

        await ScanAtAsync(desk, Opened + TimeSpan.FromHours(8));

        var breach = Content(Assert.Single(await desk.SlaMessagesAsync(), r => Content(r).Text.Contains("已超过", StringComparison.Ordinal)));
        Assert.Equal(["disp.all", "disp.water", StaffDesk.Supervisor], breach.WeComToUser!.Split('|').Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TwoMonitorsScanningAtOnce_NotifyEveryStageExactlyOnce(DatabaseProvider provider)
    {
        const int tickets = 12;
        await using var desk = await StaffDesk.CreateAsync(provider, Opened);
        for (var i = 0; i < tickets; i++)
        {
            var id = await desk.OpenAsync(reporter: $"o-student-{i:D4}");
            if (i % 2 == 0)
            {
                await desk.ActAsync(id, t => t.Assign(Worker + i, Actor.Staff("dispatcher"), Opened.AddMinutes(1)));
            }
        }

        // Response warning, response breach, resolution warning, resolution breach: each time two scans race.
        int[] expected = [tickets, 2 * tickets, 3 * tickets, 4 * tickets];
        TimeSpan[] steps = [TimeSpan.FromHours(7), TimeSpan.FromHours(8), TimeSpan.FromHours(20), TimeSpan.FromHours(24)];
        var notified = new List<int>();
        foreach (var step in steps)
        {
            desk.Clock.SetUtcNow(Opened + step);
            var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => desk.SendAsync(new ScanSlaCommand()))));
            notified.Add(results.Sum(r => r.Warnings + r.Breaches));
            Assert.Equal(expected[notified.Count - 1], (await desk.SlaMessagesAsync()).Count);
        }

        Assert.Equal([tickets, tickets, tickets, tickets], notified);
        await using var db = desk.Database.CreateContext();
        Assert.Equal(4 * tickets, await db.SlaAlerts.CountAsync(TestContext.Current.CancellationToken));
        var rows = await desk.SlaMessagesAsync();
        Assert.Equal(rows.Count, rows.Select(r => r.IdempotencyKey).Distinct().Count());
        // Unassigned tickets' warnings went to the supervisors; assigned ones' to their worker.
        Assert.Equal(3 * tickets, rows.Count(r => Content(r).WeComToUser == StaffDesk.Supervisor));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ClosedAndStoppedClocks_AreNeverNotified(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Opened);
        var cancelled = await desk.OpenAsync(reporter: "o-a");
        var rejected = await desk.OpenAsync(reporter: "o-b");
        var repaired = await desk.OpenAsync(reporter: "o-c");
        var accepted = await desk.OpenAsync(reporter: "o-d");
        await desk.ActAsync(cancelled, t => t.Cancel("o-a", null, Opened.AddHours(1)));
        await desk.ActAsync(rejected, t => t.Reject(Actor.Staff("dispatcher"), "重复报修", Opened.AddHours(1)));
        await desk.ActAsync(repaired, t =>
        {
            AcceptedAfterAnHour(t);
            t.Start(Worker, Opened.AddHours(2));
            t.Resolve(Worker, null, Opened.AddHours(3));
        });
        await desk.ActAsync(accepted, AcceptedAfterAnHour);

        var result = await ScanAtAsync(desk, Opened.AddHours(10));

        // Only the accepted ticket's resolution clock runs, and at 10 h of 24 it is on track.
        Assert.Equal(new SlaScanResult(0, 0, 0), result);
        Assert.Empty(await desk.SlaMessagesAsync());
        var warnings = await desk.QueryAsync(new ListSlaWarningsQuery());
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheDatabaseReadsOnlyTicketsWithAClockAtItsWarningPoint(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Opened);
        var overdue = await desk.OpenAsync(reporter: "o-a");
        var answered = await desk.OpenAsync(reporter: "o-b");
        await desk.ActAsync(answered, AcceptedAfterAnHour);
        var late = await desk.OpenAsync(reporter: "o-c", at: Opened.AddHours(2));
        var early = await desk.OpenAsync(reporter: "o-d", at: Opened.AddHours(4));
        var now = Opened.AddHours(9);
        await using var db = desk.Database.CreateContext();
        async Task<Guid[]> PastWarning(double ratio) =>
            [.. (await db.RepairTicketsPastSlaWarning(now, ratio).Select(t => t.Id).ToListAsync(TestContext.Current.CancellationToken)).Order()];

        // At 9 h: response 9 h of 8 (overdue), 7 of 8 = 87.5 % (late), 5 of 8 = 62.5 % (early); the answered ticket's
        // response clock stopped, its resolution clock is at 9 h of 24 = 37.5 %.
        Assert.Equal(new[] { overdue, late }.Order(), await PastWarning(0.8));
        Assert.Equal(new[] { overdue, late, early }.Order(), await PastWarning(0.6));
        Assert.Equal(new[] { overdue, answered, late, early }.Order(), await PastWarning(0.3));
        // The monitor agrees: one breach (unassigned: the supervisors) and one warning, nothing for the others.
        Assert.Equal(new SlaScanResult(1, 1, 0), await ScanAtAsync(desk, now));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Warnings_ListsBreachesFirst_ThenTheLeastTimeLeft(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Opened);
        var oldest = await desk.OpenAsync(reporter: "o-a");
        var middle = await desk.OpenAsync(reporter: "o-b", at: Opened.AddHours(1));
        var newest = await desk.OpenAsync(reporter: "o-c", at: Opened.AddHours(2));
        await desk.OpenAsync(reporter: "o-d", at: Opened.AddHours(5));
        desk.Clock.SetUtcNow(Opened.AddHours(8).AddMinutes(30));

        var warnings = await desk.QueryAsync(new ListSlaWarningsQuery());

        Assert.Equal([oldest, middle, newest], warnings.Select(w => w.TicketId));
        Assert.Equal([SlaStage.Breached, SlaStage.Warning, SlaStage.Warning], warnings.Select(w => w.Stage));
        Assert.Equal([30, -30, -90], warnings.Select(w => w.MinutesLate));
        Assert.All(warnings, w => Assert.Equal(SlaClockKind.Response, w.Clock));
    }

    [Fact]
    public async Task NoSupervisorsConfigured_RecordsTheBreachWithoutAMessage_AndDoesNotRetryIt()
    {
        await using var desk = await StaffDesk.CreateAsync(DatabaseProvider.Sqlite, Opened, new Dictionary<string, string?> { ["Sla:SupervisorUserIds"] = "" });
        await desk.OpenAsync();

        var first = await ScanAtAsync(desk, Opened.AddHours(9));
        var second = await ScanAtAsync(desk, Opened.AddHours(10));

        Assert.Equal(new SlaScanResult(0, 0, 1), first);
        Assert.Equal(new SlaScanResult(0, 0, 0), second);
        Assert.Empty(await desk.SlaMessagesAsync());
    }

    [Theory]
    [InlineData(0, "不到1分钟")]
    [InlineData(12, "12分钟")]
    [InlineData(96, "1小时36分")]
    [InlineData(120, "2小时")]
    [InlineData(1620, "1天3小时")]
    [InlineData(2880, "2天")]
    public void Span_IsShortChinese(int minutes, string expected) =>
        Assert.Equal(expected, SlaTexts.Span(TimeSpan.FromMinutes(minutes)));

    // Assigned 5 minutes after opening and accepted by the worker at 1 h: the response clock stops, resolution runs on.
    private static void AcceptedAfterAnHour(RepairTicket ticket)
    {
        ticket.Assign(Worker, Actor.Staff("dispatcher"), Opened.AddMinutes(5));
        ticket.Accept(Worker, Opened.AddHours(1));
    }

    private static async Task<SlaScanResult> ScanAtAsync(StaffDesk desk, DateTimeOffset at)
    {
        desk.Clock.SetUtcNow(at);
        return await desk.SendAsync(new ScanSlaCommand());
    }

    private static OutboxContent Content(OutboxMessage row) => OutboxJsonContext.Deserialize(row.Payload);
}
