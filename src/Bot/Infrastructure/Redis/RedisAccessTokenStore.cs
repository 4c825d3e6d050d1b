using StackExchange.Redis;
using WechatLogistics.Wechat.Api.Tokens;

namespace WechatLogistics.Bot.Infrastructure.Redis;

/// <summary>
/// The access-token cache shared by all Bot instances (PROTOCOL §4.3): one key per credential, expired by Redis itself,
/// and a refresh lock (<c>SET NX PX</c> with an owner id) so that one instance fetches while the others read.
/// </summary>
public sealed partial class RedisAccessTokenStore(IConnectionMultiplexer redis, TimeProvider time, ILogger<RedisAccessTokenStore> logger)
    : IAccessTokenStore
{
    // GET and PTTL in one step, so the token and its remaining life belong together. A missing key reads as {nil, -2}.
    private static readonly LuaScript GetWithTtlScript = LuaScript.Prepare(
        "return { redis.call('GET', @key), redis.call('PTTL', @key) }");

    // Deletes the key only while it still holds the given value: compare-and-invalidate, and the lock's owner-only release.
    private static readonly LuaScript DeleteIfEqualsScript = LuaScript.Prepare(
        """
        if redis.call('GET', @key) == @value then return redis.call('DEL', @key) end
        return 0
        """);

    public async ValueTask<CachedAccessToken?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(GetWithTtlScript, new { key = RedisKeys.AccessToken(key) });
        var parts = (RedisResult[])result!;
        var remainingMs = (long)parts[1];

        // -2: gone; -1: no expiry, which only a foreign writer could cause: treat it as absent so a refresh replaces it.
        if (parts[0].IsNull || remainingMs <= 0)
        {
            return null;
        }

        return new CachedAccessToken((string)parts[0]!, time.GetUtcNow().AddMilliseconds(remainingMs));
    }

    public async ValueTask SetAsync(string key, string accessToken, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        await redis.GetDatabase().StringSetAsync(RedisKeys.AccessToken(key), accessToken, timeToLive);
    }

    public async ValueTask<bool> InvalidateIfMatchesAsync(string key, string failedAccessToken, CancellationToken cancellationToken) =>
        await DeleteIfEqualsAsync(RedisKeys.AccessToken(key), failedAccessToken);

    public async ValueTask<IAsyncDisposable?> AcquireRefreshLockAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        var lockKey = RedisKeys.AccessTokenLock(key);
        var owner = Guid.NewGuid().ToString("N");
        var acquired = await redis.GetDatabase().StringSetAsync(lockKey, owner, timeToLive, When.NotExists);
        return acquired ? new RefreshLock(this, key, lockKey, owner) : null;
    }

    private async Task<bool> DeleteIfEqualsAsync(RedisKey key, string value) =>
        (long)await redis.GetDatabase().ScriptEvaluateAsync(DeleteIfEqualsScript, new { key, value }) == 1;

    private async ValueTask ReleaseAsync(string credentialKey, RedisKey lockKey, string owner)
    {
        try
        {
            // If our lock expired and another instance took it, the owner check leaves theirs alone.
            await DeleteIfEqualsAsync(lockKey, owner);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // A failed release must not replace the token the holder just obtained with an error.
            LogReleaseFailed(logger, credentialKey, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh lock for {CredentialKey} could not be released; it expires by itself")]
    private static partial void LogReleaseFailed(ILogger logger, string credentialKey, Exception exception);

    private sealed class RefreshLock(RedisAccessTokenStore store, string credentialKey, RedisKey lockKey, string owner) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _released, 1) == 0 ? store.ReleaseAsync(credentialKey, lockKey, owner) : ValueTask.CompletedTask;
    }
}
