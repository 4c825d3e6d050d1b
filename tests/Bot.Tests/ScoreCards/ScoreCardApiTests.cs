using System.Net;
using System.Text;
using WechatLogistics.Bot.Staff;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ScoreCards;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ScoreCards;
using static WechatLogistics.Bot.Tests.StaffWork.StaffHost;

namespace WechatLogistics.Bot.Tests.ScoreCards;

/// <summary>The staff endpoints of score cards over the real host: who may read and lock, JSON and CSV, bad input.</summary>
public sealed class ScoreCardApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dispatchers_ReadCards_OnlyAdmins_Lock_AndALockedPeriodSaysSo()
    {
        await using var host = Create();
        await AddWorkersAsync(host);
        await host.Services.SendAsync(new Handlers.StaffAdmin.CreateStaffMemberCommand("demo-staff", "disp", "调度", "9001", Domain.Staff.StaffRole.Dispatcher, null));
        var today = CampusTime.DateOf(DateTimeOffset.UtcNow);
        var period = $"from={today.AddDays(-7):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var (worker, dispatcher, admin) = (Client(host, "wang", "worker"), Client(host, "disp", "dispatcher"), Client(host, "demo-staff", "admin"));

        var byWorker = await worker.GetAsync($"/api/staff/score-cards?{period}", Ct);
        var read = await JsonAsync(await dispatcher.GetAsync($"/api/staff/score-cards?{period}&by=worker", Ct));
        var lockByDispatcher = await PostAsync(dispatcher, "/api/staff/score-cards/lock", new { from = today.AddDays(-7), to = today, by = "team" });
        var lockOpen = await PostAsync(admin, "/api/staff/score-cards/lock", new { from = today, to = today.AddDays(1) });
        var locked = await PostAsync(admin, "/api/staff/score-cards/lock", new { from = today.AddDays(-7), to = today, by = "team" });
        var again = await PostAsync(admin, "/api/staff/score-cards/lock", new { from = today.AddDays(-7), to = today, by = "team" });
        var afterwards = await JsonAsync(await dispatcher.GetAsync($"/api/staff/score-cards?{period}", Ct));
        var csv = await dispatcher.GetAsync($"/api/staff/score-cards.csv?{period}", Ct);
        var badScope = await dispatcher.GetAsync($"/api/staff/score-cards?{period}&by=planet", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(("Worker", 6), ((string?)read["scope"], read["indicators"]!.AsArray().Count));
        Assert.Null(read["lockedAt"]);
        Assert.Equal(HttpStatusCode.Forbidden, lockByDispatcher.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, lockOpen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("demo-staff", (string?)afterwards["lockedBy"]);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync(Ct))[3..]).Split("\r\n");
        Assert.StartsWith($"考核期 {today.AddDays(-7):yyyy-MM-dd} 至 {today.AddDays(-1):yyyy-MM-dd},已锁定", lines[0], StringComparison.Ordinal);
        Assert.Equal("SLA达标率(%),30,90", lines[2]);
        Assert.Equal(HttpStatusCode.BadRequest, badScope.StatusCode);
    }

    [Fact]
    public void Csv_HasOneRowPerCard_WithEachIndicatorsFigureAndScore_AndDefusesNames()
    {
        IndicatorTarget[] targets = [new(ScoreIndicator.SlaCompliance, 60, 90), new(ScoreIndicator.Satisfaction, 40, 4.5)];
        var report = new ScoreCardReport(new(2026, 3, 1), new(2026, 4, 1), ScoreCardScope.Team, DateTimeOffset.UnixEpoch, null, null, targets,
        [
            new ScoreCard("t1", "水电班", 79.6, [new(ScoreIndicator.SlaCompliance, 75, 90, 60, 83.3), new(ScoreIndicator.Satisfaction, 3.33, 4.5, 40, 74)]),
            new ScoreCard("t2", "=cmd", null, [new(ScoreIndicator.SlaCompliance, null, 90, 60, null), new(ScoreIndicator.Satisfaction, null, 4.5, 40, null)]),
        ]);

        var lines = Encoding.UTF8.GetString(ScoreCardCsv.Write(report)[3..]).Split("\r\n");

        Assert.Equal(["考核期 2026-03-01 至 2026-03-31,未锁定（数据可能变化）", "指标,权重,目标", "SLA达标率(%),60,90", "满意度均分,40,4.5", "",
            "班组,综合得分,SLA达标率(%),SLA达标率(%)得分,满意度均分,满意度均分得分", "水电班,79.6,75,83.3,3.33,74", "'=cmd,,,,,", ""], lines);
    }

    [Fact]
    public async Task Start_WithWeightsNotSummingTo100_FailsNamingTheKey()
    {
        var failure = await StartupValidation.StartFailureAsync("ScoreCards:Indicators:0:Weight", "20");

        Assert.Contains("ScoreCards:Indicators: the weights sum to 90, not 100.", failure.Failures);
    }
}
