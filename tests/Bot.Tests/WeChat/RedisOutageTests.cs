using System.Net;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>
/// Redis unreachable (down, failing over): WeChat still gets an answer inside its deadline — the friendly "busy" line
/// where a conversation needs the session, nothing for automatic events — never a 500, and nothing is processed,
/// because without the delivery claim a retry could process the message twice.
/// </summary>
public sealed class RedisOutageTests
{
    // Nothing listens on port 1: every connection attempt is refused, as when redis-server is stopped.
    private const string DeadRedis = "127.0.0.1:1,connectTimeout=500";

    [Fact]
    public async Task Message_WhileRedisIsDown_GetsTheBusyReply_AndIsNotProcessed()
    {
        await using var host = new BotFactory(redis: DeadRedis);
        var client = await WarmClientAsync(host);
        var push = new WeChatPush();

        var response = await client.SendAsync(push.Build(WeChatPush.TextXml("o-outage", "探针", 77001), PushMode.Safe));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ChatTexts.Busy, WeChatPush.ReplyText(push.OpenReply(await response.Content.ReadAsStringAsync())));
        Assert.Equal(0, host.Probe.Runs);
        Assert.Equal(1, host.Logs.Count("The delivery ledger is unavailable"));
    }

    [Fact]
    public async Task AutomaticLocationEvent_WhileRedisIsDown_IsAnsweredSuccess()
    {
        await using var host = new BotFactory(redis: DeadRedis);
        var client = await WarmClientAsync(host);

        var response = await client.SendAsync(new WeChatPush().Build(WeChatPush.EventXml("o-outage", "LOCATION"), PushMode.Safe));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WeComMessage_WhileRedisIsDown_GetsTheBusyReply()
    {
        await using var host = new BotFactory(redis: DeadRedis);
        var client = await WarmClientAsync(host);
        var push = new WeComPush();

        var response = await client.SendAsync(push.Build(push.TextXml("zhang.san", "帮助", 77002)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ChatTexts.Busy, WeChatPush.ReplyText(push.OpenReply(await response.Content.ReadAsStringAsync())));
    }

    [Fact]
    public async Task Health_WhileRedisIsDown_SaysWhichCheckFails()
    {
        await using var host = new BotFactory(redis: DeadRedis);

        var response = await host.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"redis\":\"Unhealthy\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A client that gives up after WeChat's 5 s, on a host already started: the first request's start-up (JIT, the
    /// first Redis connection attempt) is not part of any one message's budget, and a loaded machine can spend seconds on it.
    /// </summary>
    private static async Task<HttpClient> WarmClientAsync(BotFactory host)
    {
        using (var warm = host.CreateClient())
        using (await warm.GetAsync("/health"))
        {
        }

        var client = host.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(5);
        return client;
    }
}
