using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Bot.WeChat.Deferred;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>
/// A message answered <c>success</c> before its answer was ready is owed an answer: it is journaled until the answer
/// is queued, and if its instance dies first another instance replays it — once — from the journal.
/// </summary>
public sealed class DeferredDeliveryTests
{
    [Fact]
    public async Task SlowAnswer_IsJournaled_UntilTheAnswerIsQueued()
    {
        await using var host = new BotFactory(settings: new Dictionary<string, string?> { ["WeChat:ReplyDeadlineMilliseconds"] = "300" });
        host.Probe.Delay = TimeSpan.FromMilliseconds(1500);
        var client = host.CreateClient();
        var push = new WeChatPush();
        var user = "o-owed-" + Guid.NewGuid().ToString("N");

        var response = await client.SendAsync(push.Build(WeChatPush.TextXml(user, "探针", Random.Shared.NextInt64(1, long.MaxValue)), PushMode.Safe));

        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        var owed = Assert.Single(await EntriesAsync(host));
        Assert.Equal(MessageDispatcher.ReplayName, owed.Receiver);
        Assert.Equal(user, DeferredDeliveryJournal.InputOf(owed)!.UserId);

        var (to, reply) = await host.Deferred.FirstSent.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((user, "探针第1次"), (to, Assert.IsType<TextChatReply>(reply).Content));
        await WaitUntilAsync(async () => (await EntriesAsync(host)).Count == 0);
        Assert.Equal(1, host.Probe.Runs);
    }

    [Fact]
    public async Task FastAnswer_IsNeverJournaled()
    {
        await using var host = new BotFactory();
        var push = new WeChatPush();

        var response = await host.CreateClient().SendAsync(push.Build(WeChatPush.TextXml("o-fast", "探针", Random.Shared.NextInt64(1, long.MaxValue)), PushMode.Safe));

        Assert.Equal("探针第1次", WeChatPush.ReplyText(push.OpenReply(await response.Content.ReadAsStringAsync())));
        Assert.Empty(await EntriesAsync(host));
    }

    [Fact]
    public async Task OwedByAnInstanceThatDied_IsReplayedOnce_AndAnswered()
    {
        await using var host = Recovering(TimeSpan.FromMilliseconds(200));
        var user = "o-orphan-" + Guid.NewGuid().ToString("N");
        await OweAsync(host, MessageDispatcher.ReplayName, Text(user, "探针"), lapsedAgo: TimeSpan.FromSeconds(1));

        var (to, reply) = await host.Deferred.FirstSent.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((user, "探针第1次"), (to, Assert.IsType<TextChatReply>(reply).Content));
        await WaitUntilAsync(async () => (await EntriesAsync(host)).Count == 0);
        Assert.Equal(1, host.Probe.Runs);
        Assert.Equal(1, host.Logs.Count("Replayed a official-account message"));
    }

    [Fact]
    public async Task AnEntryStillLeased_IsNotReplayed()
    {
        await using var host = Recovering(TimeSpan.FromMinutes(10));
        await OweAsync(host, MessageDispatcher.ReplayName, Text("o-alive", "探针"), lapsedAgo: TimeSpan.FromSeconds(-30));

        // The owner is alive (its lease runs another 30 s): nothing to replay.
        Assert.Equal(0, await Recovery(host).RecoverOnceAsync(TestContext.Current.CancellationToken));
        Assert.Single(await EntriesAsync(host));
        Assert.Equal(0, host.Probe.Runs);
    }

    [Fact]
    public async Task TwoInstancesScanningAtOnce_ReplayEachEntryOnce()
    {
        // The background scan is kept out of the way; the two scans below race for the same entries.
        await using var host = Recovering(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 8; i++)
        {
            await OweAsync(host, MessageDispatcher.ReplayName, Text($"o-race-{i}-" + Guid.NewGuid().ToString("N"), "探针"), lapsedAgo: TimeSpan.FromSeconds(1));
        }

        var recovery = Recovery(host);
        var ct = TestContext.Current.CancellationToken;
        var replayed = await Task.WhenAll(recovery.RecoverOnceAsync(ct), recovery.RecoverOnceAsync(ct));

        Assert.Equal(8, replayed.Sum());
        Assert.Equal(8, host.Probe.Runs);
        Assert.Empty(await EntriesAsync(host));
    }

    [Fact]
    public async Task WeComStaffMessage_IsReplayed_AsAWeComAppMessage()
    {
        await using var host = Recovering(TimeSpan.FromMinutes(10));
        var input = new ChatInput(DemoCredentials.WeComCorpId + ":1000002", "zhang.san", ChatInputKind.Text, DateTimeOffset.UtcNow) { Text = "帮助" };
        await OweAsync(host, WeComReceiver.ReplayName, input, lapsedAgo: TimeSpan.FromSeconds(1));

        Assert.Equal(1, await Recovery(host).RecoverOnceAsync(TestContext.Current.CancellationToken));

        await using var scope = host.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Recipient == "zhang.san").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(OutboxChannel.WeComApp, Assert.Single(queued).Channel);
        Assert.Empty(await EntriesAsync(host));
    }

    [Fact]
    public async Task UnreplayableEntries_AreGivenUp_NotRetriedForever()
    {
        await using var host = Recovering(TimeSpan.FromMinutes(10));
        await OweAsync(host, "no-such-receiver", Text("o-lost", "探针"), lapsedAgo: TimeSpan.FromSeconds(1));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.DeferredDeliveries.Add(new DeferredDelivery
            {
                Key = "garbled", Receiver = MessageDispatcher.ReplayName, Input = "{not json", CreatedAt = DateTimeOffset.UtcNow, LeaseUntil = DateTimeOffset.UtcNow.AddSeconds(-1),
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, await Recovery(host).RecoverOnceAsync(TestContext.Current.CancellationToken));

        Assert.Empty(await EntriesAsync(host));
        Assert.Equal(2, host.Logs.Count("Gave up a deferred"));
        Assert.Equal(0, host.Probe.Runs);
    }

    private static BotFactory Recovering(TimeSpan scanInterval) => new(settings: new Dictionary<string, string?>
    {
        ["Deliveries:ScanInterval"] = scanInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    });

    private static DeferredDeliveryRecovery Recovery(BotFactory host) => host.Services.GetRequiredService<DeferredDeliveryRecovery>();

    private static ChatInput Text(string user, string text) =>
        new(DemoCredentials.AppId, user, ChatInputKind.Text, DateTimeOffset.UtcNow) { Text = text };

    /// <summary>An entry as an instance leaves it when it dies between answering <c>success</c> and queuing the answer.</summary>
    private static async Task OweAsync(BotFactory host, string receiver, ChatInput input, TimeSpan lapsedAgo)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.DeferredDeliveries.Add(new DeferredDelivery
        {
            Key = input.Account + ":m:" + Guid.NewGuid().ToString("N"),
            Receiver = receiver,
            Input = JsonSerializer.Serialize(input, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
            CreatedAt = now - TimeSpan.FromSeconds(40),
            LeaseUntil = now - lapsedAgo,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<List<DeferredDelivery>> EntriesAsync(BotFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().DeferredDeliveries.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail("the condition did not hold within 10 s");
    }
}
