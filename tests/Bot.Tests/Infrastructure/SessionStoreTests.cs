using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Infrastructure.InProcess;
using WechatLogistics.Bot.Infrastructure.Redis;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Tests.Infrastructure;

public sealed class SessionStoreTests
{
    [Fact]
    public async Task RedisSession_SurvivesABotRestart()
    {
        var redis = TestServers.RedisConnectionString();
        var user = "o-restart-" + Guid.NewGuid().ToString("N");
        var push = new WeChatPush();

        await using (var first = new BotFactory(redis))
        {
            await first.CreateClient().SendAsync(push.Build(WeChatPush.TextXml(user, "问卷", Random.Shared.NextInt64(1, long.MaxValue)), PushMode.Safe));
            await first.CreateClient().SendAsync(push.Build(WeChatPush.TextXml(user, "西区3号楼101", Random.Shared.NextInt64(1, long.MaxValue)), PushMode.Safe));
        }

        await using var second = new BotFactory(redis);
        var response = await second.CreateClient().SendAsync(push.Build(WeChatPush.TextXml(user, "是", Random.Shared.NextInt64(1, long.MaxValue)), PushMode.Safe));

        Assert.Equal("已记录宿舍：西区3号楼101", WeChatPush.ReplyText(push.OpenReply(await response.Content.ReadAsStringAsync())));
    }

    [Fact]
    public async Task RedisSession_ExpiresAfterTheIdleTime()
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(TestServers.RedisConnectionString());
        var store = new RedisSessionStore(new RedisBatcher(connection), Options.Create(new ChatSessionOptions { IdleMinutes = 0.01 }));
        var session = NewSession();
        session.Dialog = "survey";

        Assert.True(await store.SaveAsync(session, CancellationToken.None));
        Assert.NotNull(await store.LoadAsync(session.Account, session.UserId, CancellationToken.None));
        await Task.Delay(TimeSpan.FromMilliseconds(1500));

        Assert.Null(await store.LoadAsync(session.Account, session.UserId, CancellationToken.None));
    }

    [Fact]
    public async Task RedisSession_DefaultIdleTime_IsThirtyMinutes()
    {
        await using var host = new BotFactory(TestServers.RedisConnectionString());
        var store = host.Services.GetRequiredService<ISessionStore>();
        var session = NewSession();
        session.Dialog = "survey";

        await store.SaveAsync(session, CancellationToken.None);

        var ttl = await host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().KeyTimeToLiveAsync(RedisKeys.Session(session.Account, session.UserId));
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task RedisSession_StaleVersion_IsRefused()
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(TestServers.RedisConnectionString());
        await AssertOptimisticConcurrencyAsync(new RedisSessionStore(new RedisBatcher(connection), Options.Create(new ChatSessionOptions())));
    }

    [Fact]
    public async Task InMemorySession_StaleVersion_IsRefused() =>
        await AssertOptimisticConcurrencyAsync(new InMemorySessionStore(TimeProvider.System, Options.Create(new ChatSessionOptions())));

    [Fact]
    public async Task InMemorySession_ExpiresAfterTheIdleTime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new InMemorySessionStore(clock, Options.Create(new ChatSessionOptions()));
        var session = NewSession();
        session.Dialog = "survey";
        await store.SaveAsync(session, CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(await store.LoadAsync(session.Account, session.UserId, CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await store.LoadAsync(session.Account, session.UserId, CancellationToken.None));
    }

    private static async Task AssertOptimisticConcurrencyAsync(ISessionStore store)
    {
        var session = NewSession();
        session.Dialog = "survey";
        Assert.True(await store.SaveAsync(session, CancellationToken.None));

        var a = (await store.LoadAsync(session.Account, session.UserId, CancellationToken.None))!;
        var b = (await store.LoadAsync(session.Account, session.UserId, CancellationToken.None))!;
        a.Step = "from-a";
        b.Step = "from-b";

        Assert.True(await store.SaveAsync(a, CancellationToken.None));
        Assert.False(await store.SaveAsync(b, CancellationToken.None));
        Assert.Equal("from-a", (await store.LoadAsync(session.Account, session.UserId, CancellationToken.None))!.Step);
    }

    private static ChatSession NewSession() => new() { Account = "wx-test", UserId = "o-" + Guid.NewGuid().ToString("N") };
}
