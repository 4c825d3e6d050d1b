using System.Collections.Concurrent;
using WechatLogistics.Wechat.Api.Tokens;

namespace WechatLogistics.Wechat.Tests.Api.Support;

/// <summary>An <see cref="InMemoryAccessTokenStore"/> that records compare-and-invalidate calls.</summary>
internal sealed class SpyTokenStore(TimeProvider? timeProvider = null) : IAccessTokenStore
{
    private readonly InMemoryAccessTokenStore _inner = new(timeProvider);
    private readonly ConcurrentQueue<(string Token, bool Removed)> _invalidations = new();

    public IReadOnlyList<(string Token, bool Removed)> Invalidations => [.. _invalidations];

    public ValueTask<CachedAccessToken?> GetAsync(string key, CancellationToken cancellationToken) => _inner.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, string accessToken, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        _inner.SetAsync(key, accessToken, timeToLive, cancellationToken);

    public async ValueTask<bool> InvalidateIfMatchesAsync(string key, string failedAccessToken, CancellationToken cancellationToken)
    {
        var removed = await _inner.InvalidateIfMatchesAsync(key, failedAccessToken, cancellationToken);
        _invalidations.Enqueue((failedAccessToken, removed));
        return removed;
    }

    public ValueTask<IAsyncDisposable?> AcquireRefreshLockAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        _inner.AcquireRefreshLockAsync(key, timeToLive, cancellationToken);
}
