using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Sla;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.ScoreCards;
using WechatLogistics.Handlers.Kpis;
using WechatLogistics.Handlers.ScoreCards;
using static WechatLogistics.Bot.Tests.ScoreCards.ScoreCardFixture;

namespace WechatLogistics.Bot.Tests.ScoreCards;

/// <summary>
/// Score cards over <see cref="ScoreCardFixture"/>, every figure worked out by hand.
/// <para>水电班 (A1–A4): opened 4, closed 3 (A1 A2 A3). SLA clocks: response met A1 A2 A4, breached A3; resolution met A1 A3 A4,
/// breached A2 → 6 of 8 = 75 %. Resolution minutes sorted 240, 360, 1200, 1800 → median (360 + 1200) / 2 = 780. Rework: A2 of
/// the 4 resolved → 25 %. Satisfaction (5 + 1 + 4) / 3 = 3.33. Complaints: A2 → 1. Closed 3.</para>
/// <para>Scores: SLA 100·75/90 = 83.33; median above its target 100·720/780 = 92.31; rework above 100·10/25 = 40; satisfaction
/// 100·3.33/4.5 = 74; complaints 1 ≤ 2 → 100; closed 100·3/4 = 75. Weighted: (30·83.33 + 20·92.31 + 10·40 + 20·74 + 10·100
/// + 10·75) / 100 = (2500 + 1846.15 + 400 + 1480 + 1000 + 750) / 100 = 79.76 → 79.8.</para>
/// <para>网络组 (B1, B2): opened 2, closed 1. SLA: B1 both met, B2 both breached → 2 of 4 = 50 %. Median resolution 120 (B1 only).
/// Rework 0 of 1 = 0 %. Satisfaction 2.0. Complaints 1. Closed 1. Scores: 55.56, 100, 100, 44.44, 100, 25 → (1666.67 + 2000
/// + 1000 + 888.89 + 1000 + 250) / 100 = 68.06 → 68.1.</para>
/// <para>Worker w1 (A1, A2): SLA 3 of 4 = 75 %; median (240 + 1800) / 2 = 1020; rework 1 of 2 = 50 %; satisfaction 3.0;
/// complaints 1; closed 2. Scores 83.33, 70.59, 20, 66.67, 100, 50 → (2500 + 1411.76 + 200 + 1333.33 + 1000 + 500) / 100
/// = 69.45 → 69.5. B2 has no assignee: no worker card for it.</para>
/// </summary>
public sealed class ScoreCardTests
{
    private const string Admin = "demo-staff";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Cards_MatchTheHandComputedFixture(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, T0.AddDays(-12), Indicators);
        await SeedAsync(desk);

        var teams = await desk.QueryAsync(new GetScoreCardsQuery(Admin, From, To, ScoreCardScope.Team));
        var workers = await desk.QueryAsync(new GetScoreCardsQuery(Admin, From, To, ScoreCardScope.Worker));

        Assert.Null(teams.LockedAt);
        Assert.Equal(["水电班", "网络组"], teams.Cards.Select(c => c.Name));
        AssertCard(teams.Cards[0], 79.8,
            (ScoreIndicator.SlaCompliance, 75.0, 83.3), (ScoreIndicator.MedianResolutionMinutes, 780, 92.3), (ScoreIndicator.ReworkRate, 25.0, 40),
            (ScoreIndicator.Satisfaction, 3.33, 74), (ScoreIndicator.Complaints, 1, 100), (ScoreIndicator.TicketsClosed, 3, 75));
        AssertCard(teams.Cards[1], 68.1,
            (ScoreIndicator.SlaCompliance, 50.0, 55.6), (ScoreIndicator.MedianResolutionMinutes, 120, 100), (ScoreIndicator.ReworkRate, 0.0, 100),
            (ScoreIndicator.Satisfaction, 2.0, 44.4), (ScoreIndicator.Complaints, 1, 100), (ScoreIndicator.TicketsClosed, 1, 25));
        Assert.Equal(["w1", "w2", "w3"], workers.Cards.Select(c => c.Key).Order(StringComparer.Ordinal));
        AssertCard(workers.Cards.Single(c => c.Key == "w1"), 69.5,
            (ScoreIndicator.SlaCompliance, 75.0, 83.3), (ScoreIndicator.MedianResolutionMinutes, 1020, 70.6), (ScoreIndicator.ReworkRate, 50.0, 20),
            (ScoreIndicator.Satisfaction, 3.0, 66.7), (ScoreIndicator.Complaints, 1, 100), (ScoreIndicator.TicketsClosed, 2, 50));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task LockedPeriod_KeepsItsFigures_WhenTicketsAreResolvedAndRatedAfterLocking(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, T0.AddDays(-12), Indicators);
        var (a4, b2) = await SeedAsync(desk);

        var locked = await desk.SendAsync(new LockScoreCardPeriodCommand(Admin, From, To, ScoreCardScope.Team));
        // Late data: A4 is confirmed with a complaint, B2 finally repaired and rated 5 (clock at 03-20, after the lock).
        await desk.ActAsync(a4, t => t.Confirm("o-a4", 1, "其实没修好", Now.AddHours(1)));
        await desk.ActAsync(b2, t => StaffDesk.Repair(t, "w3", Actor.Staff("dispatcher"), Now, accept: 1, resolve: 2));
        desk.Clock.SetUtcNow(Now.AddHours(3));
        await desk.ActAsync(b2, t => t.Confirm("o-b2", 5, null, Now.AddHours(3)));
        var afterwards = await desk.QueryAsync(new GetScoreCardsQuery(Admin, From, To, ScoreCardScope.Team));
        var kpis = (await desk.QueryAsync(new GetKpisQuery(From, To, KpiDimension.Team))).Groups.ToDictionary(g => g.Name);
        var relock = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new LockScoreCardPeriodCommand(Admin, From, To, ScoreCardScope.Team)));

        Assert.Equal((Admin, Now), (afterwards.LockedBy, afterwards.LockedAt));
        Assert.Equal(79.8, afterwards.Cards.Single(c => c.Name == "水电班").Score);
        Assert.Equal(68.1, afterwards.Cards.Single(c => c.Name == "网络组").Score);
        Assert.Equal(Flatten(locked), Flatten(afterwards));
        // The late data did arrive: the live KPIs of the same period moved (4 ratings in 水电班, 2 in 网络组).
        Assert.Equal((4L, 2L), (kpis["水电班"].SatisfactionCount, kpis["网络组"].SatisfactionCount));
        Assert.Equal("score_card.locked", relock.Code);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Lock_OfAPeriodNotYetEnded_IsRefused_AndAWorkerCannotReadCards(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, T0, Indicators);
        await desk.SendAsync(new Handlers.StaffAdmin.CreateStaffMemberCommand(Admin, "wk", "王师傅", "1001", Domain.Staff.StaffRole.Worker,
            Domain.ReferenceData.ReferenceDataSeed.TeamId("WATER-ELEC")));

        var open = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new LockScoreCardPeriodCommand(Admin, From, To, ScoreCardScope.Team)));
        var worker = await Assert.ThrowsAsync<DomainException>(() => desk.QueryAsync(new GetScoreCardsQuery("wk", From, To, ScoreCardScope.Team)));

        Assert.Equal("score_card.period_open", open.Code);
        Assert.Equal("staff.forbidden", worker.Code);
        await using var db = desk.Database.CreateContext();
        Assert.Empty(db.ScoreCardPeriods);
    }

    private static void AssertCard(ScoreCard card, double score, params (ScoreIndicator Indicator, double Actual, double Score)[] indicators)
    {
        Assert.Equal(indicators.Select(i => (i.Indicator, (double?)i.Actual, (double?)i.Score)), card.Indicators.Select(i => (i.Indicator, i.Actual, i.Score)));
        Assert.Equal(score, card.Score);
    }

    private static string Flatten(ScoreCardReport report) => string.Join(';', report.Cards.Select(c =>
        $"{c.Key}={c.Score}:" + string.Join(',', c.Indicators.Select(i => $"{i.Indicator}/{i.Actual}/{i.Score}"))));
}
