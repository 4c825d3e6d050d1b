using System.Net;
using WechatLogistics.Bot.Tests.Support;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>
/// WeChat retries a push three times when unanswered for 5 s. Whatever the timing, the message is processed once,
/// and every delivery gets a valid answer — with the in-process ledger and with the Redis one.
/// </summary>
public sealed class DeliveryDedupeTests
{
    public static TheoryData<bool> Stores => [false, true];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task SameMsgId_ThreeTimesInSequence_ProcessedOnceAndAllGetTheSameReply(bool useRedis)
    {
        await using var host = Create(useRedis);
        var client = host.CreateClient();
        var push = new WeChatPush();
        var xml = WeChatPush.TextXml("o-seq-" + Guid.NewGuid().ToString("N"), "探针", Random.Shared.NextInt64(1, long.MaxValue));

        var replies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.SendAsync(push.Build(xml, PushMode.Safe));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            replies.Add(WeChatPush.ReplyText(push.OpenReply(await response.Content.ReadAsStringAsync())));
        }

        Assert.Equal(1, host.Probe.Runs);
        Assert.All(replies, r => Assert.Equal("探针第1次", r));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task SameMsgId_ThreeTimesConcurrently_ProcessedOnceAndAllGetTheReply(bool useRedis)
    {
        await using var host = Create(useRedis);
        host.Probe.Delay = TimeSpan.FromMilliseconds(400);
        var client = host.CreateClient();
        var push = new WeChatPush();
        var xml = WeChatPush.TextXml("o-par-" + Guid.NewGuid().ToString("N"), "探针", Random.Shared.NextInt64(1, long.MaxValue));

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.SendAsync(push.Build(xml, PushMode.Safe))));

        Assert.Equal(1, host.Probe.Runs);
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("探针第1次", WeChatPush.ReplyText(push.OpenReply(await response.Content.ReadAsStringAsync())));
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task SameEvent_FromUserAndCreateTime_ProcessedOnce(bool useRedis)
    {
        await using var host = Create(useRedis);
        var client = host.CreateClient();
        var push = new WeChatPush();
        var user = "o-evt-" + Guid.NewGuid().ToString("N");
        var xml = WeChatPush.EventXml(user, "subscribe", createTime: 1_700_000_000);

        var first = await client.SendAsync(push.Build(xml, PushMode.Safe));
        var retry = await client.SendAsync(push.Build(xml, PushMode.Safe));
        var laterEvent = await client.SendAsync(push.Build(WeChatPush.EventXml(user, "subscribe", createTime: 1_700_000_001), PushMode.Safe));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(
            WeChatPush.ReplyText(push.OpenReply(await first.Content.ReadAsStringAsync())),
            WeChatPush.ReplyText(push.OpenReply(await retry.Content.ReadAsStringAsync())));
        Assert.StartsWith("欢迎", WeChatPush.ReplyText(push.OpenReply(await laterEvent.Content.ReadAsStringAsync())));
        Assert.Equal(3, host.Ledger.Claims);
    }

    [Fact]
    public async Task SlowAnswer_PastTheDeadline_RepliesSuccessThenSendsTheAnswerLater()
    {
        await using var host = new BotFactory(settings: new Dictionary<string, string?> { ["WeChat:ReplyDeadlineMilliseconds"] = "300" });
        host.Probe.Delay = TimeSpan.FromMilliseconds(1500);
        var client = host.CreateClient();
        var push = new WeChatPush();
        var xml = WeChatPush.TextXml("o-slow-user", "探针", Random.Shared.NextInt64(1, long.MaxValue));

        var response = await client.SendAsync(push.Build(xml, PushMode.Safe));
        var retry = await client.SendAsync(push.Build(xml, PushMode.Safe));

        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        Assert.Equal("success", await retry.Content.ReadAsStringAsync());
        var (user, reply) = await host.Deferred.FirstSent.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("o-slow-user", user);
        Assert.Equal("探针第1次", Assert.IsType<Handlers.Conversations.TextChatReply>(reply).Content);
        Assert.Equal(1, host.Probe.Runs);
    }

    [Fact]
    public async Task ClaimOfAnInstanceThatDied_LapsesAndTheRetryProcessesTheMessage()
    {
        await using var host = Create(useRedis: true);
        var client = host.CreateClient();
        var push = new WeChatPush();
        var msgId = Random.Shared.NextInt64(2, long.MaxValue);
        var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestServers.RedisConnectionString());
        // Warm the whole path first: on a loaded machine the first push's start-up could outlast the lease below, and
        // the retry would then find no claim at all instead of a lapsing one.
        await client.SendAsync(push.Build(WeChatPush.TextXml("o-warm-" + Guid.NewGuid().ToString("N"), "帮助", msgId - 1), PushMode.Safe));

        // The first delivery was claimed by an instance that was killed before it answered: the claim is pending, with
        // no outcome, and lapses with its lease (here 2 s, inside the retry's 4 s budget).
        await redis.GetDatabase().StringSetAsync(
            WechatLogistics.Bot.Infrastructure.Redis.RedisKeys.Delivery($"{WechatLogistics.Bot.Configuration.DemoCredentials.AppId}:m:{msgId}"), "P", TimeSpan.FromSeconds(2));

        var response = await client.SendAsync(push.Build(WeChatPush.TextXml("o-orphan-" + Guid.NewGuid().ToString("N"), "探针", msgId), PushMode.Safe));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("探针第1次", WeChatPush.ReplyText(push.OpenReply(await response.Content.ReadAsStringAsync())));
        Assert.Equal(1, host.Probe.Runs);
        Assert.Equal(1, host.Logs.Count("A retry took over a delivery"));
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task RetryWhileTheClaimIsStillPending_Gets503_SoWeChatRetriesAgain_AndNothingIsProcessed()
    {
        await using var host = new BotFactory(TestServers.RedisConnectionString(), new Dictionary<string, string?> { ["WeChat:ReplyDeadlineMilliseconds"] = "300" });
        var client = host.CreateClient();
        var push = new WeChatPush();
        var msgId = Random.Shared.NextInt64(1, long.MaxValue);
        // Another instance holds the claim and has not answered (it may be slow, or dead with its lease still running).
        var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestServers.RedisConnectionString());
        await redis.GetDatabase().StringSetAsync(
            WechatLogistics.Bot.Infrastructure.Redis.RedisKeys.Delivery($"{WechatLogistics.Bot.Configuration.DemoCredentials.AppId}:m:{msgId}"), "P", TimeSpan.FromSeconds(30));

        var response = await client.SendAsync(push.Build(WeChatPush.TextXml("o-pending-" + Guid.NewGuid().ToString("N"), "探针", msgId), PushMode.Safe));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0, host.Probe.Runs);
        await redis.DisposeAsync();
    }

    private static BotFactory Create(bool useRedis) =>
        new(useRedis ? TestServers.RedisConnectionString() : null);
}
