using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Sla;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.ScoreCards;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ScoreCards;
using WechatLogistics.Handlers.StaffAdmin;
using static WechatLogistics.Bot.Tests.ScoreCards.ScoreCardFixture;

namespace WechatLogistics.Bot.Tests.ScoreCards;

/// <summary>The period-end job: once the month is over it locks March and each team lead gets their card, once.</summary>
public sealed class ScoreCardPeriodEndTests
{
    // 2026-04-01 00:30 on campus: March has ended.
    private static readonly DateTimeOffset AfterMarch = new(2026, 3, 31, 16, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TwoInstancesClosingTheMonthAtOnce_LockItOnce_AndEachTeamLeadGetsTheirCardOnce(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, T0.AddDays(-12), Indicators);
        await desk.SendAsync(new CreateStaffMemberCommand("demo-staff", "disp.water", "水电调度", "9001", StaffRole.Dispatcher, ReferenceDataSeed.TeamId("WATER-ELEC")));
        await desk.SendAsync(new CreateStaffMemberCommand("demo-staff", "disp.all", "总调度", "9000", StaffRole.Dispatcher, null));
        await SeedAsync(desk);
        desk.Clock.SetUtcNow(AfterMarch);

        var runs = await Task.WhenAll(desk.SendAsync(new CloseScoreCardMonthCommand()), desk.SendAsync(new CloseScoreCardMonthCommand()));
        var later = await desk.SendAsync(new CloseScoreCardMonthCommand());
        var messages = (await desk.OutboxAsync(OutboxChannel.WeComApp)).Where(m => m.IdempotencyKey.Contains("score-card:", StringComparison.Ordinal))
            .Select(m => OutboxJsonContext.Deserialize(m.Payload)).ToDictionary(c => c.WeComToUser!);
        var march = await desk.QueryAsync(new GetScoreCardsQuery("demo-staff", new(2026, 3, 1), new(2026, 4, 1), ScoreCardScope.Worker));

        Assert.Single(runs, r => r.Locked);
        Assert.Equal(new CloseScoreCardMonthResult(new(2026, 3, 1), true, 2), runs.Single(r => r.Locked));
        Assert.False(later.Locked);
        // 水电班's own dispatcher hears of 水电班; 网络组 has none, so the dispatcher who covers every team hears of it.
        Assert.Equal(["disp.all", "disp.water"], messages.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("【考核结果】水电班 2026-03-01 至 2026-03-31\n综合得分：79.8\n· SLA达标率(%)：75（目标90，权重30，得分83.3）", messages["disp.water"].Text, StringComparison.Ordinal);
        Assert.Contains("· 差评数：1（目标2，权重10，得分100）", messages["disp.water"].Text, StringComparison.Ordinal);
        Assert.StartsWith("【考核结果】网络组 2026-03-01 至 2026-03-31\n综合得分：68.1", messages["disp.all"].Text, StringComparison.Ordinal);
        Assert.Equal((CloseScoreCardMonthCommand.LockedBy, AfterMarch), (march.LockedBy, march.LockedAt));
        await using var db = desk.Database.CreateContext();
        Assert.Equal([ScoreCardScope.Team, ScoreCardScope.Worker], db.ScoreCardPeriods.Select(p => p.Scope).AsEnumerable().Order());
    }
}
