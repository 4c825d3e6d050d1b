using Flurl.Http;
using Flurl.Http.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using WechatLogistics.Bot.Infrastructure.Redis;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Wechat.Api.WeChat;

namespace WechatLogistics.Bot.Tests.Infrastructure;

public sealed class RedisAccessTokenStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _key = "wxtest" + Guid.NewGuid().ToString("N")[..12];
    private ConnectionMultiplexer _redis = null!;

    public async ValueTask InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(TestServers.RedisConnectionString());

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    private RedisAccessTokenStore Store(IConnectionMultiplexer? redis = null) =>
        new(redis ?? _redis, TimeProvider.System, NullLogger<RedisAccessTokenStore>.Instance);

    [Fact]
    public async Task Set_ThenGet_ReturnsTheTokenWithItsExpiry_UnderThePrefixedKey()
    {
        var store = Store();
        var before = DateTimeOffset.UtcNow;

        await store.SetAsync(_key, "TOKEN-1", TimeSpan.FromSeconds(60), None);
        var cached = await store.GetAsync(_key, None);

        Assert.NotNull(cached);
        Assert.Equal("TOKEN-1", cached.AccessToken);
        Assert.InRange(cached.ExpiresAt, before.AddSeconds(59), DateTimeOffset.UtcNow.AddSeconds(60));
        var ttl = await _redis.GetDatabase().KeyTimeToLiveAsync("wl:tok:" + _key);
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(58), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Get_AfterTheTimeToLive_ReturnsNull()
    {
        var store = Store();

        await store.SetAsync(_key, "TOKEN-1", TimeSpan.FromMilliseconds(200), None);
        await Task.Delay(TimeSpan.FromMilliseconds(400));

        Assert.Null(await store.GetAsync(_key, None));
    }

    [Fact]
    public async Task Set_ReplacesThePreviousToken()
    {
        var store = Store();

        await store.SetAsync(_key, "TOKEN-1", TimeSpan.FromSeconds(60), None);
        await store.SetAsync(_key, "TOKEN-2", TimeSpan.FromSeconds(60), None);

        Assert.Equal("TOKEN-2", (await store.GetAsync(_key, None))?.AccessToken);
    }

    [Fact]
    public async Task InvalidateIfMatches_RemovesOnlyTheTokenThatFailed()
    {
        var store = Store();
        await store.SetAsync(_key, "TOKEN-FRESH", TimeSpan.FromSeconds(60), None);

        var staleReport = await store.InvalidateIfMatchesAsync(_key, "TOKEN-OLD", None);
        var survivor = await store.GetAsync(_key, None);
        var matchingReport = await store.InvalidateIfMatchesAsync(_key, "TOKEN-FRESH", None);

        Assert.False(staleReport);
        Assert.Equal("TOKEN-FRESH", survivor?.AccessToken);
        Assert.True(matchingReport);
        Assert.Null(await store.GetAsync(_key, None));
    }

    [Fact]
    public async Task RefreshLock_ExcludesASecondOwner_UntilReleased()
    {
        var first = Store();
        var second = Store();

        var held = await first.AcquireRefreshLockAsync(_key, TimeSpan.FromSeconds(60), None);
        var refused = await second.AcquireRefreshLockAsync(_key, TimeSpan.FromSeconds(60), None);
        await held!.DisposeAsync();
        var afterRelease = await second.AcquireRefreshLockAsync(_key, TimeSpan.FromSeconds(60), None);

        Assert.NotNull(held);
        Assert.Null(refused);
        Assert.NotNull(afterRelease);
        await afterRelease.DisposeAsync();
    }

    [Fact]
    public async Task RefreshLock_ExpiresByItself_AndTheOldOwnerCannotReleaseTheNewOwnersLock()
    {
        var store = Store();
        var crashed = await store.AcquireRefreshLockAsync(_key, TimeSpan.FromMilliseconds(200), None);
        await Task.Delay(TimeSpan.FromMilliseconds(400));

        var taken = await store.AcquireRefreshLockAsync(_key, TimeSpan.FromSeconds(60), None);
        await crashed!.DisposeAsync();
        var stillHeld = await store.AcquireRefreshLockAsync(_key, TimeSpan.FromSeconds(60), None);

        Assert.NotNull(taken);
        Assert.Null(stillHeld);
        await taken.DisposeAsync();
    }

    [Fact]
    public async Task TwoInstances_TwentyConcurrentSends_MakeExactlyOneStableTokenCall()
    {
        using var http = new HttpTest();
        http.ForCallsTo("*/cgi-bin/stable_token").RespondWith("""{"access_token":"TOKEN-SHARED","expires_in":7200}""");
        http.ForCallsTo("*/cgi-bin/message/custom/send").RespondWith("""{"errcode":0,"errmsg":"ok"}""");
        await using var otherConnection = await ConnectionMultiplexer.ConnectAsync(TestServers.RedisConnectionString());
        WeChatApiClient[] instances = [Client(Store()), Client(Store(otherConnection))];

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            instances[i % 2].SendCustomMessageAsync(CgibinMessageCustomSendRequest.ForText("o-user", $"#{i}")))));

        Assert.Single(http.CallLog, c => c.Request.Url.Path.EndsWith("/cgi-bin/stable_token", StringComparison.Ordinal));
        var sends = http.CallLog.Where(c => c.Request.Url.Path.EndsWith("/cgi-bin/message/custom/send", StringComparison.Ordinal)).ToList();
        Assert.Equal(20, sends.Count);
        Assert.All(sends, c => Assert.Equal("TOKEN-SHARED", c.Request.Url.QueryParams.FirstOrDefault("access_token")));
        Assert.Equal("TOKEN-SHARED", (await Store().GetAsync(_key, None))?.AccessToken);
    }

    private WeChatApiClient Client(RedisAccessTokenStore store) =>
        new(new FlurlClient(), new WeChatApiSettings { AppId = _key, AppSecret = "SECRET-test", BaseUrl = "https://wechat.test" }, store);
}
