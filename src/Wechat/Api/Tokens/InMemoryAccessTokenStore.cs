using System.Collections.Concurrent;

namespace WechatLogistics.Wechat.Api.Tokens;

/// <summary>
/// Single-process <see cref="IAccessTokenStore"/>: for one instance, tests and the simulator. Several instances
/// need a shared store, or each refreshes on its own.
/// </summary>
public sealed class InMemoryAccessTokenStore(TimeProvider? timeProvider = null) : IAccessTokenStore
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, CachedAccessToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LockOwner> _locks = new(StringComparer.Ordinal);

    public ValueTask<CachedAccessToken?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!_tokens.TryGetValue(key, out var cached))
        {
            return ValueTask.FromResult<CachedAccessToken?>(null);
        }

        if (cached.ExpiresAt > _time.GetUtcNow())
        {
            return ValueTask.FromResult<CachedAccessToken?>(cached);
        }

        _tokens.TryRemove(KeyValuePair.Create(key, cached));
        return ValueTask.FromResult<CachedAccessToken?>(null);
    }

    public ValueTask SetAsync(string key, string accessToken, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        _tokens[key] = new CachedAccessToken(accessToken, _time.GetUtcNow() + timeToLive);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> InvalidateIfMatchesAsync(string key, string failedAccessToken, CancellationToken cancellationToken)
    {
        // Removing the exact pair read makes the compare and the delete one atomic step.
        var removed = _tokens.TryGetValue(key, out var cached)
            && string.Equals(cached.AccessToken, failedAccessToken, StringComparison.Ordinal)
            && _tokens.TryRemove(KeyValuePair.Create(key, cached));
        return ValueTask.FromResult(removed);
    }

    public ValueTask<IAsyncDisposable?> AcquireRefreshLockAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var owner = new LockOwner(this, key, now + timeToLive);
        while (true)
        {
            if (_locks.TryAdd(key, owner))
            {
                return ValueTask.FromResult<IAsyncDisposable?>(owner);
            }

            if (!_locks.TryGetValue(key, out var current))
            {
                continue;
            }

            if (current.ExpiresAt > now)
            {
                return ValueTask.FromResult<IAsyncDisposable?>(null);
            }

            if (_locks.TryUpdate(key, owner, current))
            {
                return ValueTask.FromResult<IAsyncDisposable?>(owner);
            }
        }
    }

    // A class, not a record: release compares owners by reference.
    private sealed class LockOwner(InMemoryAccessTokenStore store, string key, DateTimeOffset expiresAt) : IAsyncDisposable
    {
        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public ValueTask DisposeAsync()
        {
            store._locks.TryRemove(KeyValuePair.Create(key, this));
            return ValueTask.CompletedTask;
        }
    }
}
