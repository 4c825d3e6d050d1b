using System.Text;
using System.Text.Json.Nodes;
using WechatLogistics.Bot.Outbox.Channels;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Simulator.FakeApi;
using static WechatLogistics.Bot.Tests.Outbox.DigestText;

namespace WechatLogistics.Bot.Tests.Outbox;

/// <summary>
/// A report storm outruns the group robot's 20 messages a minute: the notices that queue for one robot go out as a few
/// digests, each report accounted for in exactly one of them.
/// </summary>
public sealed class RobotDigestTests
{
    private const string Webhook = "/cgi-bin/webhook/send";
    private const string CustomSend = "/cgi-bin/message/custom/send";

    [Fact]
    public void Digest_ListsEveryNoticeOnce_UnderAHeader_WithinTheMarkdownLimit()
    {
        var digest = WeComRobotChannel.Digest([.. Enumerable.Range(0, 30).Select(Notice)]).Text;

        Assert.True(Encoding.UTF8.GetByteCount(digest) <= WeComRobotChannel.MaxMarkdownBytes);
        Assert.StartsWith("**新通知 30 条**", digest);
        Assert.All(Enumerable.Range(0, 30), i => Assert.Equal(1, Occurrences(digest, Token(i))));
        Assert.DoesNotContain("另有", digest);
    }

    [Fact]
    public void Digest_MoreThanFits_CountsTheRestInTheLastLine_SoEveryNoticeIsAccountedFor()
    {
        var contents = Enumerable.Range(0, 30).Select(i => Notice(i) with { Summary = Token(i) + " " + new string('楼', 60) }).ToList();

        var digest = WeComRobotChannel.Digest(contents).Text;

        Assert.True(Encoding.UTF8.GetByteCount(digest) <= WeComRobotChannel.MaxMarkdownBytes);
        var shown = Enumerable.Range(0, 30).Count(i => digest.Contains(Token(i), StringComparison.Ordinal));
        Assert.InRange(shown, 10, 29);
        Assert.EndsWith($"> …另有 {30 - shown} 条，请在工作台查看", digest);
    }

    [Fact]
    public void Digest_AMessageWithoutSummary_IsShownInFull_BeforeTheList()
    {
        var alert = new OutboxContent { Text = "**<font color=\"warning\">预警</font> 东区1号楼 短时间内12起「水」报修**\n> 请核查" };

        var digest = WeComRobotChannel.Digest([Notice(1), alert, Notice(2)]).Text;

        Assert.StartsWith(alert.Text + "\n**新通知 2 条**", digest);
        Assert.Equal(1, Occurrences(digest, Token(1)));
        Assert.Equal(1, Occurrences(digest, Token(2)));
    }

    [Fact]
    public async Task NoticesQueuedBehindTheRobotsLimit_GoAsDigestsOfUpTo500_EachAccountedForOnce_WithoutHoldingUpOthers()
    {
        await using var bed = await OutboxTestBed.CreateAsync(fake: new FakeApiOptions { RobotWindow = TimeSpan.FromSeconds(3) });
        // Batches of 5, up to 10 sends in hand: rows queued behind the robot must not fill them.
        var host = bed.StartHost(new Dictionary<string, string?>(RobotSettings) { ["Outbox:BatchSize"] = "5", ["Outbox:RateWindow"] = "00:00:03" });
        var students = Enumerable.Range(0, 3).Select(bed.User).ToList();
        await bed.OpenWindowsAsync(host, students);

        // The first notice takes the window's one permit and goes as itself. The second waits for the next window;
        // 619 more are claimed meanwhile and join it up to 500; the rest start the digest after it.
        await OutboxTestBed.EnqueueAsync(host, RobotItem(0));
        await OutboxTestBed.WaitForAsync(() => RobotCalls(bed).Count == 1, TimeSpan.FromSeconds(10), "the first robot notice");
        await OutboxTestBed.EnqueueAsync(host, RobotItem(1));
        await WaitUntilClaimedAsync(bed);
        await OutboxTestBed.EnqueueAsync(host, [.. Enumerable.Range(2, 619).Select(RobotItem)]);
        await OutboxTestBed.EnqueueAsync(host, [.. students.Select(s => OutboxItem.Notice(s, "queued-after-the-robot", new OutboxContent { Text = "您的报修已受理" }))]);
        var rows = await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(30), expectedRows: 624);

        var robot = RobotCalls(bed);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.All(robot, c => Assert.Equal(0, c.ErrCode));
        Assert.Equal(3, robot.Count);
        Assert.Equal(Notice(0).Text, robot[0].Markdown);
        Assert.Equal((500, 120), (Accounted(robot[1].Markdown, 621), Accounted(robot[2].Markdown, 621)));
        Assert.StartsWith("**新通知 500 条**", robot[1].Markdown);
        var markdown = string.Join("\n", robot.Select(c => c.Markdown));
        Assert.All(Enumerable.Range(0, 621), i => Assert.InRange(Occurrences(markdown, Token(i)), 0, 1));
        // The students' notices, queued after all of them, did not wait for the robot's next window.
        var notices = bed.Fake.State.Log.Snapshot().Where(c => c.Path == CustomSend).ToList();
        Assert.Equal(3, notices.Count);
        Assert.All(notices, n => Assert.True(n.At < robot[1].At, "a student's notice waited for the robot's window"));
    }

    [Fact]
    public async Task RowsClaimedTogether_GoAsOneDigest_EvenWithPermitsToSpare()
    {
        // 20 a minute, and no shared window to ask (no Redis): each of the six could have its permit and its own
        // message at once, but they were claimed together.
        await using var bed = await OutboxTestBed.CreateAsync(redis: false);
        var host = bed.StartHost(new Dictionary<string, string?>(RobotSettings) { ["Outbox:RateWindow"] = "00:01:00", ["Outbox:RobotPerWindow"] = "20" });

        await OutboxTestBed.EnqueueAsync(host, [.. Enumerable.Range(0, 6).Select(RobotItem)]);
        var rows = await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), expectedRows: 6);

        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        var call = Assert.Single(RobotCalls(bed));
        Assert.Equal(0, call.ErrCode);
        Assert.StartsWith("**新通知 6 条**", call.Markdown);
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(1, Occurrences(call.Markdown, Token(i))));
    }

    [Fact]
    public async Task RowsWaitingForTheRobotLongerThanTheirLease_AreRenewed_SoNoClaimTakesThemTwice()
    {
        // A lease of 1 s against a window of 4 s: unrenewed, the waiting rows would be claimed again at the next poll.
        await using var bed = await OutboxTestBed.CreateAsync(fake: new FakeApiOptions { RobotWindow = TimeSpan.FromSeconds(4) });
        var host = bed.StartHost(new Dictionary<string, string?>(RobotSettings) { ["Outbox:RateWindow"] = "00:00:04", ["Outbox:Lease"] = "00:00:01" });

        await OutboxTestBed.EnqueueAsync(host, RobotItem(0));
        await OutboxTestBed.WaitForAsync(() => RobotCalls(bed).Count == 1, TimeSpan.FromSeconds(10), "the first robot notice");
        for (var i = 1; i <= 10; i++)
        {
            await OutboxTestBed.EnqueueAsync(host, RobotItem(i));
            await Task.Delay(100);
        }

        var rows = await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(20), expectedRows: 11);

        var robot = RobotCalls(bed);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.Equal(2, robot.Count);
        Assert.Equal(10, Accounted(robot[1].Markdown, 11));
        Assert.All(Enumerable.Range(1, 10), i => Assert.Equal(1, Occurrences(robot[1].Markdown, Token(i))));
    }

    [Fact]
    public async Task TwoInstancesOnPostgres_DigestTheSameRobotsQueue_EachNoticeInExactlyOneMessage()
    {
        await using var bed = await OutboxTestBed.CreateAsync(DatabaseProvider.Postgres, new FakeApiOptions { RobotWindow = TimeSpan.FromSeconds(2) });
        var first = bed.StartHost(RobotSettings);
        var second = bed.StartHost(RobotSettings);

        for (var i = 0; i < 80; i++)
        {
            await OutboxTestBed.EnqueueAsync(i % 2 == 0 ? first : second, RobotItem(i));
        }

        var rows = await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(40), expectedRows: 80);

        var robot = RobotCalls(bed);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.All(robot, c => Assert.Equal(0, c.ErrCode));
        Assert.InRange(robot.Count, 2, 40);
        Assert.Equal(80, robot.Sum(c => Accounted(c.Markdown, 80)));
        var markdown = string.Join("\n", robot.Select(c => c.Markdown));
        Assert.All(Enumerable.Range(0, 80), i => Assert.InRange(Occurrences(markdown, Token(i)), 0, 1));
    }

    /// <summary>One message per window per instance: two instances stay within the fake's 20 per window.</summary>
    private static Dictionary<string, string?> RobotSettings => new()
    {
        ["Outbox:RateWindow"] = "00:00:02",
        ["Outbox:RobotPerWindow"] = "1",
        ["Maintenance:RobotKeys:default"] = "robot-digest",
    };

    private static OutboxContent Notice(int i) => new() { Text = $"**新报修单 {Token(i)}**\n> 地点：东区1号楼", Summary = $"{Token(i)} 东区1号楼 · 水" };

    private static OutboxItem RobotItem(int i) => new(OutboxChannel.WeComRobot, "default", "ticket-opened:" + i, Notice(i));

    private static async Task WaitUntilClaimedAsync(OutboxTestBed bed)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!(await bed.RowsAsync()).Any(r => r.Status == OutboxStatus.Pending && r.LockOwner is not null))
        {
            Assert.True(DateTime.UtcNow < deadline, "the second robot notice was never claimed");
            await Task.Delay(10);
        }
    }

    private static List<(DateTimeOffset At, int ErrCode, string Markdown)> RobotCalls(OutboxTestBed bed) =>
        [.. bed.Fake.State.Log.Snapshot()
            .Where(c => c.Path == Webhook)
            .OrderBy(c => c.Seq)
            .Select(c => (c.At, c.ErrCode, (string)JsonNode.Parse(c.Body)!["markdown"]!["content"]!))];
}
