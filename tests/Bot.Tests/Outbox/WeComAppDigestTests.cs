using System.Text;
using System.Text.Json.Nodes;
using WechatLogistics.Bot.Outbox.Channels;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Handlers.Common;
using static WechatLogistics.Bot.Tests.Outbox.DigestText;

namespace WechatLogistics.Bot.Tests.Outbox;

/// <summary>
/// A WeCom member takes 30 app messages a minute (PROTOCOL §5.4). After a storm of reports, SLA alerts to the
/// supervisors (or a burst of assignments to one worker) queue behind that: those with a summary go as one text.
/// </summary>
public sealed class WeComAppDigestTests
{
    private const string Send = "/cgi-bin/message/send";

    [Fact]
    public void Digest_KeepsTheAudience_ListsWhatFitsInTheTextLimit_AndCountsTheRest()
    {
        var contents = Enumerable.Range(0, 60).Select(i => Alert(i) with { WeComToUser = "wang.wu|zhao.liu", WeComToParty = "7" }).ToList();

        var digest = WeComAppChannel.Digest(contents);

        Assert.Equal(("wang.wu|zhao.liu", "7"), (digest.WeComToUser, digest.WeComToParty));
        Assert.True(Encoding.UTF8.GetByteCount(digest.Text) <= WeComAppChannel.MaxTextBytes);
        Assert.StartsWith("【新通知 60 条，合并发送】\n· 【即将超时】R-TEST-000 ", digest.Text);
        Assert.Equal(60, Accounted(digest.Text, 60));
        Assert.Matches("· …另有 \\d+ 条，请在工作台查看$", digest.Text);
    }

    [Fact]
    public async Task AlertsQueuedForOneMember_GoAsOneText_WhileAMessageWithoutSummaryGoesInFull()
    {
        await using var bed = await OutboxTestBed.CreateAsync();
        var host = bed.StartHost(new Dictionary<string, string?>
        {
            ["WeCom:CorpId"] = "ww" + bed.AppId, ["WeCom:AgentId"] = "1000002", ["WeCom:Secret"] = "demo-wecom-secret",
            ["Outbox:RateWindow"] = "00:00:02", ["Outbox:WeComAppPerMemberPerWindow"] = "1",
        });

        // The first takes the member's window; 40 alerts and a staff reply queue behind it.
        await OutboxTestBed.EnqueueAsync(host, Item(0));
        await OutboxTestBed.WaitForAsync(() => Calls(bed).Count == 1, TimeSpan.FromSeconds(10), "the first alert");
        var reply = new OutboxItem(OutboxChannel.WeComApp, "wang.wu", "staff-reply:1", new OutboxContent { Text = "收到，马上去 302 看看。" });
        await OutboxTestBed.EnqueueAsync(host, [.. Enumerable.Range(1, 40).Select(Item), reply]);
        var rows = await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(30), expectedRows: 42);

        var calls = Calls(bed);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Equal("wang.wu", c.ToUser));
        Assert.Equal(Alert(0).Text, calls[0].Text);
        var digest = Assert.Single(calls, c => c.Text.StartsWith("【新通知 40 条，合并发送】", StringComparison.Ordinal));
        Assert.Equal(40, Accounted(digest.Text, 41));
        Assert.DoesNotContain(Token(0), digest.Text, StringComparison.Ordinal);
        Assert.Single(calls, c => c.Text == "收到，马上去 302 看看。");
    }

    private static OutboxContent Alert(int i) => new()
    {
        Title = "报修即将超时",
        Text = $"【即将超时】报修单 {Token(i)}\n地点：东区学生公寓1号楼\n类别：水 / 水管漏水\n响应时限 11-28 21:30，还剩12分钟。请尽快接单。",
        Summary = $"【即将超时】{Token(i)} 东区学生公寓1号楼 · 水 / 水管漏水 · 响应还剩12分钟",
    };

    private static OutboxItem Item(int i) => new(OutboxChannel.WeComApp, "sla", "sla:" + i, Alert(i) with { WeComToUser = "wang.wu" });

    private static List<(string? ToUser, string Text)> Calls(OutboxTestBed bed) =>
        [.. bed.Fake.State.Log.Snapshot()
            .Where(c => c.Path == Send && c.ErrCode == 0)
            .OrderBy(c => c.Seq)
            .Select(c => JsonNode.Parse(c.Body)!)
            .Select(b => ((string?)b["touser"], (string)b["text"]!["content"]!))];
}
