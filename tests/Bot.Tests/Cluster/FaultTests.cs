using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Simulator.Callback;
using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Cluster;

/// <summary>
/// Faults on the running cluster: Redis stopped, PostgreSQL stopped, an instance killed under load, the WeChat API
/// failing. No report is lost or duplicated, no student is left without an answer, and everything recovers by itself.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FaultTests
{
    private readonly TestCluster _cluster = TestCluster.Get();

    // WeChat's own deadline: during an outage the Bot must still answer inside it.
    private BotConnection WeChatStrict() =>
        new(new HttpClient { BaseAddress = _cluster.Balancer, Timeout = TimeSpan.FromSeconds(10) }, new CallbackSettings { Mode = CallbackMode.Safe, Deadline = TimeSpan.FromSeconds(5) });

    [Fact]
    public async Task RedisStoppedFor30Seconds_EveryMessageIsAnsweredBusyInTime_ThenTheDialogGoesOn_AndOneTicketIsMade()
    {
        await _cluster.WaitHealthyAsync();
        var chat = _cluster.Connect(_cluster.Balancer);
        var strict = WeChatStrict();
        var student = ClusterChat.NewStudent("redis-down");
        foreach (var line in ClusterChat.RepairUpToConfirm)
        {
            await ClusterChat.SayAsync(_cluster, chat, student, line);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the append-only file is written every second
        await TestCluster.ScriptAsync("stop-redis");
        var during = new List<BotAnswer>();
        try
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until)
            {
                during.Add(await strict.SendAsync(new SendText("确认"), student));
                during.Add(await strict.SendAsync(new SendText("帮助"), ClusterChat.NewStudent("redis-down-other")));
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
        finally
        {
            await TestCluster.ScriptAsync("start-redis");
        }

        Assert.True(during.Count >= 10, $"{during.Count} messages during the outage");
        Assert.All(during, a => Assert.Equal((AnswerKind.Reply, ChatTexts.Busy), (a.Kind, a.Text)));

        // Recovery by itself: the student's dialog (kept in Redis' append-only file) is where it was.
        var done = await MultiInstanceTests.WaitForAsync(
            () => ClusterChat.SayAsync(_cluster, chat, student, "确认"), a => a.Text != ChatTexts.Busy, TimeSpan.FromSeconds(60));
        var number = ClusterChat.TicketNumberIn(done.Text);
        Assert.True(number is not null, done.Text);
        await using var db = _cluster.Database();
        Assert.Equal(number, (await db.RepairTickets.SingleAsync(t => t.ReporterOpenId == student)).Number.ToString());
    }

    [Fact]
    public async Task PostgresStoppedAndRestarted_TheStudentIsToldToRetry_TheDialogIsKept_AndTheRetrySavesOneTicket()
    {
        await _cluster.WaitHealthyAsync();
        var chat = _cluster.Connect(_cluster.Balancer);
        var strict = WeChatStrict();
        var student = ClusterChat.NewStudent("pg-down");
        foreach (var line in ClusterChat.RepairUpToConfirm)
        {
            await ClusterChat.SayAsync(_cluster, chat, student, line);
        }

        await TestCluster.ScriptAsync("stop-postgres");
        BotAnswer confirm, mine;
        try
        {
            confirm = await strict.SendAsync(new SendText("确认"), student);
            mine = await strict.SendAsync(new SendText("我的报修"), ClusterChat.NewStudent("pg-down-other"));
        }
        finally
        {
            await TestCluster.ScriptAsync("start-postgres");
        }

        Assert.Equal((AnswerKind.Reply, ChatTexts.Busy), (confirm.Kind, confirm.Text));
        Assert.Equal((AnswerKind.Reply, ChatTexts.Busy), (mine.Kind, mine.Text));
        var done = await MultiInstanceTests.WaitForAsync(
            () => ClusterChat.SayAsync(_cluster, chat, student, "确认"), a => a.Text != ChatTexts.Busy, TimeSpan.FromSeconds(60));
        var number = ClusterChat.TicketNumberIn(done.Text);
        Assert.True(number is not null, done.Text);
        await using var db = _cluster.Database();
        Assert.Equal(number, (await db.RepairTickets.SingleAsync(t => t.ReporterOpenId == student)).Number.ToString());
    }

    [Fact]
    public async Task InstanceKilledUnderLoad_EveryStudentGetsOneTicket_AndTheOutboxSendsEachNoticeOnce()
    {
        await _cluster.WaitHealthyAsync();
        const int Students = 30;
        var students = Enumerable.Range(0, Students).Select(_ => ClusterChat.NewStudent("kill")).ToArray();
        var since = await _cluster.LastFakeApiSeqAsync();
        string?[] told;
        try
        {
            var dialogs = students.Select(async student =>
            {
                var chat = _cluster.Connect(_cluster.Balancer);
                BotAnswer last = null!;
                foreach (var line in (string[])[.. ClusterChat.RepairUpToConfirm, "确认"])
                {
                    last = await ClusterChat.SayAsync(_cluster, chat, student, line);
                }

                return ClusterChat.TicketNumberIn(last.Text);
            }).ToList();
            await Task.Delay(TimeSpan.FromSeconds(3));
            await TestCluster.ScriptAsync("kill", "1");
            told = await Task.WhenAll(dialogs);
        }
        finally
        {
            await TestCluster.ScriptAsync("start", "1");
        }

        Assert.All(told, Assert.NotNull);
        await using var db = _cluster.Database();
        var stored = await db.RepairTickets.Where(t => students.Contains(t.ReporterOpenId)).Select(t => t.Number).ToListAsync();
        Assert.Equal(told.Order(), stored.Select(n => n.ToString()).Order());

        // Every new ticket's robot notice reaches the maintenance group once, whichever instance took it.
        var robot = await MultiInstanceTests.WaitForAsync(
            async () => (await _cluster.FakeApiCallsAsync()).Where(c => c.Seq > since && c.Path == "/cgi-bin/webhook/send" && c.ErrCode == 0).ToList(),
            calls => told.All(n => calls.Any(c => Announces(c, n))),
            TimeSpan.FromSeconds(120));
        Assert.All(told, n => Assert.Single(robot, c => Announces(c, n)));
    }

    [Fact]
    public async Task WeChatApiFailingThenRecovering_NoticesAreRetriedWithBackoff_AndAllDelivered() =>
        // Frequency limit, then a system error (PROTOCOL §4.9).
        await NoticesSurviveFaultsAsync("45009,45009,45009,-1,-1,-1", "api-down");

    [Fact]
    public async Task WeChatApiHangingThenAnswering5xx_CallsTimeOut_AreRetried_AndAllDelivered() =>
        // Two calls that never answer (the cluster's WeChat:ApiTimeoutSeconds is 2), then two gateway errors.
        await NoticesSurviveFaultsAsync("hang,hang,http503,http502", "api-slow");

    /// <summary>
    /// The robot message announces the ticket: alone ("新报修单 R…"), or as a line of a digest ("> R… 地点 · 类别") when
    /// several notices waited for the robot's window together. An incident alert's list of numbers does not count.
    /// </summary>
    private static bool Announces(FakeApiCall call, string? number) =>
        number is not null
        && (call.Body.Contains("新报修单 " + number, StringComparison.Ordinal) || call.Body.Contains("> " + number + " ", StringComparison.Ordinal));

    /// <summary>
    /// Three students report while the next robot sends fail as <paramref name="faults"/> says (wechat-sim's
    /// <c>/_sim/fail</c>): each new ticket's notice still reaches the group exactly once, and every failure costs one
    /// call and one retry — nothing is retried past a success (no retry storm).
    /// </summary>
    private async Task NoticesSurviveFaultsAsync(string faults, string studentPrefix)
    {
        await _cluster.WaitHealthyAsync();
        var since = await _cluster.LastFakeApiSeqAsync();
        using (var sim = new HttpClient { BaseAddress = _cluster.FakeApi })
        {
            (await sim.PostAsync("/_sim/fail?codes=" + faults, null)).EnsureSuccessStatusCode();
        }

        var chat = _cluster.Connect(_cluster.Balancer);
        var students = Enumerable.Range(0, 3).Select(_ => ClusterChat.NewStudent(studentPrefix)).ToArray();
        var numbers = new List<string>();
        foreach (var student in students)
        {
            BotAnswer last = null!;
            foreach (var line in (string[])[.. ClusterChat.RepairUpToConfirm, "确认"])
            {
                last = await ClusterChat.SayAsync(_cluster, chat, student, line);
            }

            numbers.Add(ClusterChat.TicketNumberIn(last.Text)!);
        }

        var calls = await MultiInstanceTests.WaitForAsync(
            async () => (await _cluster.FakeApiCallsAsync()).Where(c => c.Seq > since && !c.Path.StartsWith("/_sim", StringComparison.Ordinal)).ToList(),
            all => numbers.All(n => all.Any(c => c.Path == "/cgi-bin/webhook/send" && c.ErrCode == 0 && Announces(c, n))),
            TimeSpan.FromSeconds(180));

        // Each notice reached the group once, and nothing was sent for it after that success (no retry storm).
        foreach (var n in numbers)
        {
            var mine = calls.Where(c => c.Path == "/cgi-bin/webhook/send" && Announces(c, n)).ToList();
            Assert.Single(mine, c => c.ErrCode == 0);
            Assert.Equal(0, mine.MaxBy(c => c.Seq)!.ErrCode);
        }

        // Every fault cost exactly one call: the failures the fake made on purpose are as many as were asked for. The
        // group robot's own limit of 20 a minute (PROTOCOL §5.5) may refuse more when an earlier drill just sent many;
        // those are real refusals, retried the same way, and not counted here.
        var injected = faults.Split(',').Length;
        var failed = calls.Where(c => c.ErrCode != 0).ToList();
        Assert.True(
            injected == failed.Count(c => c.ErrMsg.Contains(CallRecorder.Injected, StringComparison.Ordinal)),
            $"{injected} faults asked for; failed calls: " + string.Join("; ", failed.Select(c => $"{c.Path} {c.ErrCode} {c.ErrMsg}")));
    }
}
