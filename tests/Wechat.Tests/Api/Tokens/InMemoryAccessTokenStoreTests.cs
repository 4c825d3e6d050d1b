using Microsoft.Extensions.Time.Testing;
using WechatLogistics.Wechat.Api.Tokens;

namespace WechatLogistics.Wechat.Tests.Api.Tokens;

public sealed class InMemoryAccessTokenStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetAsync_WithinTimeToLive_ReturnsTokenAndExpiry_AfterwardsNull()
    {
        var store = new InMemoryAccessTokenStore(_time);
        var expectedExpiry = _time.GetUtcNow().AddMinutes(10);
        await store.SetAsync("app", "T1", TimeSpan.FromMinutes(10), Ct);

        var cached = await store.GetAsync("app", Ct);
        _time.Advance(TimeSpan.FromMinutes(10));
        var expired = await store.GetAsync("app", Ct);

        Assert.Equal(new CachedAccessToken("T1", expectedExpiry), cached);
        Assert.Null(expired);
    }

    [Fact]
    public async Task InvalidateIfMatchesAsync_RemovesOnlyTheFailedToken()
    {
        var store = new InMemoryAccessTokenStore(_time);
        await store.SetAsync("app", "T2", TimeSpan.FromMinutes(10), Ct);

        var removedStale = await store.InvalidateIfMatchesAsync("app", "T1", Ct);
        var stillThere = await store.GetAsync("app", Ct);
        var removedCurrent = await store.InvalidateIfMatchesAsync("app", "T2", Ct);

        Assert.False(removedStale);
        Assert.Equal("T2", stillThere?.AccessToken);
        Assert.True(removedCurrent);
        Assert.Null(await store.GetAsync("app", Ct));
    }

    [Fact]
    public async Task AcquireRefreshLockAsync_IsExclusiveUntilReleased()
    {
        var store = new InMemoryAccessTokenStore(_time);

        var first = await store.AcquireRefreshLockAsync("app", TimeSpan.FromSeconds(30), Ct);
        var second = await store.AcquireRefreshLockAsync("app", TimeSpan.FromSeconds(30), Ct);
        var otherKey = await store.AcquireRefreshLockAsync("other", TimeSpan.FromSeconds(30), Ct);
        await first!.DisposeAsync();
        var afterRelease = await store.AcquireRefreshLockAsync("app", TimeSpan.FromSeconds(30), Ct);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(otherKey);
        Assert.NotNull(afterRelease);
    }

    [Fact]
    public async Task AcquireRefreshLockAsync_ExpiredLock_IsTakenOver_AndTheOldHandleCannotReleaseIt()
    {
        var store = new InMemoryAccessTokenStore(_time);
        var dead = await store.AcquireRefreshLockAsync("app", TimeSpan.FromSeconds(30), Ct);
        _time.Advance(TimeSpan.FromSeconds(30));

        var takeover = await store.AcquireRefreshLockAsync("app", TimeSpan.FromSeconds(30), Ct);
        await dead!.DisposeAsync();
        var third = await store.AcquireRefreshLockAsync("app", TimeSpan.FromSeconds(30), Ct);

        Assert.NotNull(takeover);
        Assert.Null(third);
    }

    [Fact]
    public void CachedAccessToken_ToString_HidesToken()
    {
        Assert.DoesNotContain("SECRET-TOKEN", new CachedAccessToken("SECRET-TOKEN", _time.GetUtcNow()).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-TOKEN", new AccessTokenGrant("SECRET-TOKEN", TimeSpan.FromHours(2)).ToString(), StringComparison.Ordinal);
    }
}
