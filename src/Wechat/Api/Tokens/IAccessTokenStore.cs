namespace WechatLogistics.Wechat.Api.Tokens;

/// <summary>
/// Where access tokens live, shared by every instance of the service (PROTOCOL §4.3: one token per AppId,
/// per CorpId:AgentId for WeCom). <see cref="AccessTokenProvider"/> is the only writer.
/// </summary>
/// <remarks>
/// Contract for implementations (a Redis one maps each method to one atomic command or script):
/// <list type="bullet">
/// <item><description>Keys are credential keys (<c>wx…</c> AppId, or <c>CorpId:AgentId</c>); the store adds its own prefix.</description></item>
/// <item><description>Every method is safe to call concurrently from any number of instances.</description></item>
/// <item><description>Time-to-live values are honoured by the store itself (Redis <c>PX</c>): an expired entry is never returned.</description></item>
/// </list>
/// </remarks>
public interface IAccessTokenStore
{
    /// <summary>The cached token and the instant the store drops it, or null when absent or expired. (Redis: <c>GET</c> + <c>PTTL</c>.)</summary>
    ValueTask<CachedAccessToken?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="accessToken"/> unconditionally, replacing any previous one, for <paramref name="timeToLive"/>. (Redis: <c>SET key token PX ttl</c>.)</summary>
    ValueTask SetAsync(string key, string accessToken, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the cached token only if it still equals <paramref name="failedAccessToken"/>, atomically; returns whether
    /// it removed it. A token another instance has already refreshed is left alone, so a late failure report cannot
    /// throw away a fresh token. (Redis: a Lua script <c>if GET == token then DEL</c>.)
    /// </summary>
    ValueTask<bool> InvalidateIfMatchesAsync(string key, string failedAccessToken, CancellationToken cancellationToken);

    /// <summary>
    /// Tries once, without waiting, to take the refresh lock for <paramref name="key"/>; returns null when another
    /// owner holds it. The lock expires by itself after <paramref name="timeToLive"/> so a crashed holder cannot block
    /// refreshes; disposing the handle releases it only if this owner still holds it (it may have expired and been
    /// taken by another). (Redis: <c>SET lock:key owner NX PX ttl</c>; release with a compare-and-delete script.)
    /// </summary>
    ValueTask<IAsyncDisposable?> AcquireRefreshLockAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken);
}

/// <summary>A token as held by an <see cref="IAccessTokenStore"/>.</summary>
public sealed record CachedAccessToken(string AccessToken, DateTimeOffset ExpiresAt)
{
    // A token must not reach logs through a record's generated ToString.
    public override string ToString() => $"CachedAccessToken {{ ExpiresAt = {ExpiresAt:O} }}";
}
