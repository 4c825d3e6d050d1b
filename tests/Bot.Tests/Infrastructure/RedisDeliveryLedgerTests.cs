using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Infrastructure.Redis;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Bot.WeChat;

namespace WechatLogistics.Bot.Tests.Infrastructure;

/// <summary>The claim's batch against a real Redis: the claim itself, and the contact window it keeps open.</summary>
public sealed class RedisDeliveryLedgerTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly string _account = "wxledger" + Guid.NewGuid().ToString("N")[..10];
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ConnectionMultiplexer _redis = null!;

    public async ValueTask InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(TestServers.RedisConnectionString());

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task UsersMessages_RewriteTheContactWindow_AtMostOnceInTenMinutes_AndAgainAfter()
    {
        var ledger = Ledger();
        var windowKey = $"wl:win:{_account}:o-user";
        var db = _redis.GetDatabase();

        Assert.True((await ledger.TryClaimAsync(_account + ":1", Lease, Message(), None)).Claimed);
        await WaitUntilExistsAsync(windowKey);

        // Within ten minutes another message claims normally but does not write the window again.
        await db.KeyDeleteAsync(windowKey);
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.True((await ledger.TryClaimAsync(_account + ":2", Lease, Message(), None)).Claimed);
        await db.PingAsync();
        Assert.False(await db.KeyExistsAsync(windowKey));

        // Ten minutes after the last write the next message writes it again, with the window's full length.
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await ledger.TryClaimAsync(_account + ":3", Lease, Message(), None)).Claimed);
        await WaitUntilExistsAsync(windowKey);
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeSeconds(), (long)await db.StringGetAsync(windowKey));
        var ttl = await db.KeyTimeToLiveAsync(windowKey);
        Assert.InRange(ttl!.Value, ContactWindowRules.Length - TimeSpan.FromMinutes(1), ContactWindowRules.Length);
    }

    [Fact]
    public async Task EventsAndOtherUsers_AreNotHeldBackByAUsersRecentWrite()
    {
        var ledger = Ledger();
        var db = _redis.GetDatabase();

        await ledger.TryClaimAsync(_account + ":1", Lease, Message(), None);
        await ledger.TryClaimAsync(_account + ":2", Lease, new SessionAddress(_account, "o-other") { OpensContactWindow = true }, None);
        await ledger.TryClaimAsync(_account + ":3", Lease, new SessionAddress(_account, "o-clicker"), None);

        await WaitUntilExistsAsync($"wl:win:{_account}:o-other");
        Assert.True(await db.KeyExistsAsync($"wl:win:{_account}:o-user"));
        Assert.False(await db.KeyExistsAsync($"wl:win:{_account}:o-clicker"));
    }

    [Fact]
    public async Task SecondClaimOfOneDelivery_IsRefused_WhileTheFirstHoldsIt()
    {
        var ledger = Ledger();

        var first = await ledger.TryClaimAsync(_account + ":9", Lease, Message(), None);
        var second = await ledger.TryClaimAsync(_account + ":9", Lease, Message(), None);

        Assert.True(first.Claimed);
        Assert.NotNull(first.Session);
        Assert.Null(first.Session.Session);
        Assert.False(second.Claimed);
    }

    private RedisDeliveryLedger Ledger() =>
        new(new RedisBatcher(_redis), Options.Create(new ChatSessionOptions()), new MemoryCache(new MemoryCacheOptions()), _clock);

    private SessionAddress Message() => new(_account, "o-user") { OpensContactWindow = true };

    // The window is written fire-and-forget in the claim's batch; a PING on the same connection comes back after it.
    private async Task WaitUntilExistsAsync(string key)
    {
        var db = _redis.GetDatabase();
        await db.PingAsync();
        Assert.True(await db.KeyExistsAsync(key), key + " was not written");
    }
}
