using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Persistence.Kpis;
using WechatLogistics.Bot.Staff;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Bot.Tests.Sla;

/// <summary>
/// The KPI query against a fixture whose figures are worked out by hand below. All tickets are Normal priority: response
/// due 8 h, resolution due 24 h after the report. T0 = 2026-03-02 10:00 campus (02:00 UTC); the period is the campus
/// days 03-02 … 03-08 (to = 03-09, exclusive); the clock stands at 03-20, so running clocks count as breached once due.
/// <code>
/// ticket  trade building  worker  opened    first response   resolved (from report)        closed            rating
/// T7      水    E-D01     w1      T0−24h    1 h               3 h                           T0+1h (in period) 3   ← before the period: counts only as closed
/// T1      水    E-D01     w1      T0        30 min  met       2 h   met                     T0+3h             5
/// T2      水    E-D01-F2  w1      T0+1h     2 h     met       30 h  breached (reopened once)  T0+32h            2
/// T3      电    W-D01     w2      T0+2h     9 h     breached  20 h  met                     — (Resolved)
/// T4      电    W-D01     —       T0+3h     —       breached  —     breached (never taken)  —
/// T5      水    E-D01     —       T0+4h     cancelled after 1 h: not serviced, excluded from SLA  T0+5h
/// T6      电    E-D01     w2      T0+5h     1 h     met       4 h   met                     T0+10h            4
/// T8      水    E-D01     —       03-09 10:00 campus: after the period, counted nowhere
/// </code>
/// Overall: opened 6 (T1–T6); closed 5 (T1, T2, T5, T6, T7).
/// First response, sorted 30, 60, 120, 540 min (n = 4): median at 0.5·3 = 1.5 → 60 + 0.5·60 = 90; p90 at 0.9·3 = 2.7 → 120 + 0.7·420 = 414.
/// Resolution, sorted 120, 240, 1200, 1800 min: median 240 + 0.5·960 = 720; p90 1200 + 0.7·600 = 1620.
/// Response SLA: met T1 T2 T6, breached T3 T4 → 60 %. Resolution SLA: met T1 T3 T6, breached T2 T4 → 60 %.
/// Rework: T2 of the four resolved at least once (T1 T2 T3 T6) → 25 %. Satisfaction: (5 + 2 + 4) / 3 = 3.67 of 3.
/// 水: opened 3, closed 4 (T1 T2 T5 T7); response 30, 120 → median 75, p90 30 + 0.9·90 = 111; resolution 120, 1800 → median
/// 960, p90 120 + 0.9·1680 = 1632; response 2/2 = 100 %, resolution 1/2 = 50 %, rework 1/2 = 50 %, rating 3.5 of 2.
/// 电: opened 3, closed 1; response 60, 540 → median 300, p90 492; resolution 240, 1200 → median 720, p90 1104; response
/// 1/3 = 33.3 %, resolution 2/3 = 66.7 %, rework 0 %, rating 4 of 1.
/// </summary>
public sealed class KpiTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly From = new(2026, 3, 2);
    private static readonly DateOnly To = new(2026, 3, 9);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ByTeam_GroupsTicketsByTheTeamTheyWereRoutedTo(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, T0);
        await desk.OpenAsync("WATER-TAP", reporter: "o-team-1");
        await desk.OpenAsync("WATER-TAP", "E-D02", reporter: "o-team-2");
        await desk.OpenAsync("NET-DOWN", reporter: "o-team-3");

        var byTeam = (await desk.QueryAsync(new GetKpisQuery(From, To, KpiDimension.Team))).Groups.ToDictionary(g => g.Name, g => g.Opened);

        Assert.Equal(new Dictionary<string, long> { ["水电班"] = 2, ["网络组"] = 1 }, byTeam);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Kpis_MatchTheHandComputedFixture(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, T0.AddDays(-12));
        await SeedAsync(desk);

        var overall = Assert.Single((await desk.QueryAsync(new GetKpisQuery(From, To, KpiDimension.Overall))).Groups);
        var byTrade = (await desk.QueryAsync(new GetKpisQuery(From, To, KpiDimension.Category))).Groups.ToDictionary(g => g.Name);
        var byBuilding = (await desk.QueryAsync(new GetKpisQuery(From, To, KpiDimension.Building))).Groups.ToDictionary(g => g.Name);
        var report = await desk.QueryAsync(new GetKpisQuery(From, To, KpiDimension.Worker));
        var byWorker = report.Groups.ToDictionary(g => g.Name);

        Assert.Equal(new KpiGroup("", "全部", 6, 5, new(90, 414), new(720, 1620), 60.0, 60.0, 25.0, 3.67, 3), overall);
        Assert.Equal(new KpiGroup(byTrade["水"].Key, "水", 3, 4, new(75, 111), new(960, 1632), 100.0, 50.0, 50.0, 3.5, 2), byTrade["水"]);
        Assert.Equal(new KpiGroup(byTrade["电"].Key, "电", 3, 1, new(300, 492), new(720, 1104), 33.3, 66.7, 0.0, 4.0, 1), byTrade["电"]);
        Assert.Equal((4L, 5L), (byBuilding["东区学生公寓1号楼"].Opened, byBuilding["东区学生公寓1号楼"].Closed));
        Assert.Equal((2L, 0L), (byBuilding["西区学生公寓1号楼"].Opened, byBuilding["西区学生公寓1号楼"].Closed));
        Assert.Equal((2L, 3L, new Percentiles(75, 111)), (byWorker["w1"].Opened, byWorker["w1"].Closed, byWorker["w1"].FirstResponseMinutes));
        Assert.Equal((2L, 1L, 0.0), (byWorker["未派单"].Opened, byWorker["未派单"].Closed, byWorker["未派单"].ResponseCompliance));
        Assert.Equal(
            [
                new FeedbackKpi(FeedbackSubject.Canteen, "食堂", null, 3, 3.67),
                new FeedbackKpi(FeedbackSubject.Canteen, "食堂", "第一食堂", 2, 4.5),
                new FeedbackKpi(FeedbackSubject.Canteen, "食堂", "第二食堂", 1, 2.0),
                new FeedbackKpi(FeedbackSubject.Dorm, "宿舍", null, 1, 3.0),
            ],
            report.Feedback);
    }

    /// <summary>
    /// The same fixture once its days are rolled up (T3 and T4 are not final, so they stay live): the counts are the
    /// hand-computed ones exactly; the minutes now come from the rollups' sketches, so they are asserted within
    /// <see cref="KpiSketch.RelativeError"/> (≤ 1 %) of the hand-computed percentile_cont values.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Kpis_AfterTheDailyRollup_MatchTheFixture_PercentilesWithinTheSketchBound(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, T0.AddDays(-12));
        await SeedAsync(desk);
        await using (var scope = desk.Services.CreateAsyncScope())
        {
            Assert.Equal(19, (await scope.ServiceProvider.GetRequiredService<KpiRollup>().RunAsync(TestContext.Current.CancellationToken)).Days);
        }

        var overall = Assert.Single((await desk.QueryAsync(new GetKpisQuery(From, To, KpiDimension.Overall))).Groups);
        var byTrade = (await desk.QueryAsync(new GetKpisQuery(From, To, KpiDimension.Category))).Groups.ToDictionary(g => g.Name);
        var byWorker = (await desk.QueryAsync(new GetKpisQuery(From, To, KpiDimension.Worker))).Groups.ToDictionary(g => g.Name);

        Assert.Equal(new KpiGroup("", "全部", 6, 5, overall.FirstResponseMinutes, overall.ResolutionMinutes, 60.0, 60.0, 25.0, 3.67, 3), overall);
        AssertNear(new(90, 414), overall.FirstResponseMinutes);
        AssertNear(new(720, 1620), overall.ResolutionMinutes);
        Assert.Equal((3L, 4L, 100.0, 50.0, 50.0, 3.5), (byTrade["水"].Opened, byTrade["水"].Closed, byTrade["水"].ResponseCompliance, byTrade["水"].ResolutionCompliance, byTrade["水"].ReworkRate, byTrade["水"].SatisfactionAverage));
        AssertNear(new(960, 1632), byTrade["水"].ResolutionMinutes);
        AssertNear(new(300, 492), byTrade["电"].FirstResponseMinutes);
        Assert.Equal((2L, 3L), (byWorker["w1"].Opened, byWorker["w1"].Closed));
        AssertNear(new(75, 111), byWorker["w1"].FirstResponseMinutes);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DailySeries_HasEveryDayOfTheLast30_WithTheDaysFigures(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, T0.AddDays(-12));
        await SeedAsync(desk);

        var days = (await desk.QueryAsync(new GetKpiSeriesQuery())).ToDictionary(d => d.Date);

        Assert.Equal(30, days.Count);
        Assert.Equal(new DateOnly(2026, 2, 19), days.Keys.Min());
        Assert.Equal(new DateOnly(2026, 3, 20), days.Keys.Max());
        Assert.Equal(new KpiDay(new(2026, 3, 1), 1, 0, 100.0, 100.0), days[new(2026, 3, 1)]);
        Assert.Equal(new KpiDay(new(2026, 3, 2), 6, 4, 60.0, 60.0), days[new(2026, 3, 2)]);
        Assert.Equal(new KpiDay(new(2026, 3, 3), 0, 1, null, null), days[new(2026, 3, 3)]);
        Assert.Equal(new KpiDay(new(2026, 3, 9), 1, 0, 0.0, 0.0), days[new(2026, 3, 9)]);
        Assert.Equal(8, days.Values.Sum(d => d.Opened));
    }

    [Fact]
    public void Csv_IsUtf8WithBom_ChineseHeaders_AndQuotesAndDefusesCells()
    {
        var report = new KpiReport(From, To, KpiDimension.Worker, T0,
        [
            new KpiGroup("w1", "w1", 2, 3, new(75, 111), new(960, 1632), 100.0, 50.0, 50.0, 3.5, 2),
            new KpiGroup("x", "=HYPERLINK(\"evil\")", 1, 0, null, null, null, null, null, null, 0),
        ],
        [new FeedbackKpi(FeedbackSubject.Canteen, "食堂", "第一食堂, 二楼", 2, 4.5)]);

        var bytes = KpiCsv.Write(report);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("统计区间 2026-03-02 至 2026-03-08", lines[0]);
        Assert.StartsWith("分组,名称,新建工单,关闭工单,首次响应中位数(分钟),首次响应P90(分钟)", lines[1], StringComparison.Ordinal);
        Assert.Equal("worker,w1,2,3,75,111,960,1632,100,50,50,3.5,2", lines[2]);
        Assert.Equal("worker,\"'=HYPERLINK(\"\"evil\"\")\",1,0,,,,,,,,,0", lines[3]);
        Assert.Equal("", lines[4]);
        Assert.Equal("评价对象,地点,评价数,平均星级", lines[5]);
        Assert.Equal("食堂,\"第一食堂, 二楼\",2,4.5", lines[6]);
    }

    // Minutes are rounded to one decimal after the sketch's relative error.
    private static void AssertNear(Percentiles expected, Percentiles? actual)
    {
        Assert.NotNull(actual);
        Assert.InRange(actual.Median, (expected.Median * (1 - KpiSketch.RelativeError)) - 0.05, (expected.Median * (1 + KpiSketch.RelativeError)) + 0.05);
        Assert.InRange(actual.P90, (expected.P90 * (1 - KpiSketch.RelativeError)) - 0.05, (expected.P90 * (1 + KpiSketch.RelativeError)) + 0.05);
    }

    private static async Task SeedAsync(StaffDesk desk)
    {
        var dispatcher = Actor.Staff("dispatcher");
        var t7 = await desk.OpenAsync("WATER-TAP", "E-D01", "o-7", T0.AddHours(-24));
        var t1 = await desk.OpenAsync("WATER-TAP", "E-D01", "o-1", T0);
        var t2 = await desk.OpenAsync("WATER-TAP", "E-D01-F2", "o-2", T0.AddHours(1));
        var t3 = await desk.OpenAsync("ELEC-LIGHT", "W-D01", "o-3", T0.AddHours(2));
        await desk.OpenAsync("ELEC-LIGHT", "W-D01", "o-4", T0.AddHours(3));
        var t5 = await desk.OpenAsync("WATER-TAP", "E-D01", "o-5", T0.AddHours(4));
        var t6 = await desk.OpenAsync("ELEC-LIGHT", "E-D01", "o-6", T0.AddHours(5));
        await desk.OpenAsync("WATER-TAP", "E-D01", "o-8", new DateTimeOffset(2026, 3, 9, 2, 0, 0, TimeSpan.Zero));

        await desk.ActAsync(t7, t => StaffDesk.Repair(t, "w1", dispatcher, T0.AddHours(-24), accept: 1, resolve: 3));
        await desk.ActAsync(t7, t => t.Confirm("o-7", 3, null, T0.AddHours(1)));
        await desk.ActAsync(t1, t => StaffDesk.Repair(t, "w1", dispatcher, T0, accept: 0.5, resolve: 2));
        await desk.ActAsync(t1, t => t.Confirm("o-1", 5, null, T0.AddHours(3)));
        await desk.ActAsync(t2, t => StaffDesk.Repair(t, "w1", dispatcher, T0.AddHours(1), accept: 2, resolve: 10));
        await desk.ActAsync(t2, t => t.Reopen("o-2", "还是漏水", T0.AddHours(12)));
        await desk.ActAsync(t2, t => StaffDesk.Repair(t, "w1", dispatcher, T0.AddHours(1), accept: 12, resolve: 30));
        await desk.ActAsync(t2, t => t.Confirm("o-2", 2, "修了两次", T0.AddHours(32)));
        await desk.ActAsync(t3, t => StaffDesk.Repair(t, "w2", dispatcher, T0.AddHours(2), accept: 9, resolve: 20));
        await desk.ActAsync(t5, t => t.Cancel("o-5", null, T0.AddHours(5)));
        await desk.ActAsync(t6, t => StaffDesk.Repair(t, "w2", dispatcher, T0.AddHours(5), accept: 1, resolve: 4));
        await desk.ActAsync(t6, t => t.Confirm("o-6", 4, null, T0.AddHours(10)));

        await using (var db = desk.Database.CreateContext())
        {
            var day = new DateTimeOffset(2026, 3, 3, 4, 0, 0, TimeSpan.Zero);
            db.Feedbacks.AddRange(
                Feedback.Submit("o-1", FeedbackSubject.Canteen, "第一食堂", 5, null, false, day),
                Feedback.Submit("o-2", FeedbackSubject.Canteen, "第一食堂", 4, null, true, day),
                Feedback.Submit("o-3", FeedbackSubject.Canteen, "第二食堂", 2, "太咸了", false, day),
                Feedback.Submit("o-4", FeedbackSubject.Dorm, null, 3, null, false, day),
                Feedback.Submit("o-5", FeedbackSubject.Canteen, "第一食堂", 1, "before the period", false, new DateTimeOffset(2026, 2, 20, 4, 0, 0, TimeSpan.Zero)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        desk.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 4, 0, 0, TimeSpan.Zero));
    }
}
