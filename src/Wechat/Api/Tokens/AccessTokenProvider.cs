using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WechatLogistics.Wechat.Api.Tokens;

/// <summary>
/// Supplies the access token of one credential (OA/mini program: AppId; WeCom: CorpId:AgentId) from a shared
/// <see cref="IAccessTokenStore"/>, refreshing it behind the store's lock so that one instance fetches while
/// the others read (PROTOCOL §4.3).
/// </summary>
public sealed class AccessTokenProvider
{
    private readonly string _key;
    private readonly Func<CancellationToken, Task<AccessTokenGrant>> _fetch;
    private readonly IAccessTokenStore _store;
    private readonly TimeProvider _time;
    private readonly AccessTokenProviderOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task<string>? _refreshing;

    /// <param name="key">The credential key, also the store key.</param>
    /// <param name="fetchToken">Asks the platform for a token (stable_token, gettoken).</param>
    public AccessTokenProvider(
        string key,
        Func<CancellationToken, Task<AccessTokenGrant>> fetchToken,
        IAccessTokenStore store,
        TimeProvider? timeProvider = null,
        AccessTokenProviderOptions? options = null,
        ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _key = key;
        _fetch = fetchToken ?? throw new ArgumentNullException(nameof(fetchToken));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = timeProvider ?? TimeProvider.System;
        _options = options ?? new AccessTokenProviderOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    public string Key => _key;

    /// <summary>The cached token, or a fresh one when the cache is empty or the token is due for refresh.</summary>
    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var cached = await _store.GetAsync(_key, cancellationToken).ConfigureAwait(false);
        if (IsUsable(cached))
        {
            return cached.AccessToken;
        }

        // Callers in this process share one refresh; it is not cancelled when one of them gives up.
        Task<string> refreshing;
        lock (_gate)
        {
            refreshing = _refreshing is { IsCompleted: false } ? _refreshing : _refreshing = RefreshAsync();
        }

        return await refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reports that <paramref name="failedAccessToken"/> was rejected: it is removed only if it is still the cached
    /// one, so a token another instance already refreshed survives.
    /// </summary>
    public async Task InvalidateAsync(string failedAccessToken, CancellationToken cancellationToken = default) =>
        await _store.InvalidateIfMatchesAsync(_key, failedAccessToken, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Runs <paramref name="call"/> with the token. When the platform rejects the token (40001, 40014, 42001) it is
    /// invalidated, a fresh one obtained and the call retried once; a second rejection is thrown.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<string, CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
    {
        var token = await GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(token, cancellationToken).ConfigureAwait(false);
        }
        catch (WeChatApiException ex) when (WeChatErrorCodes.IsTokenInvalid(ex.ErrorCode))
        {
            WeChatApiLog.TokenRejected(_logger, _key, ex.ErrorCode, willRetry: true);
            await InvalidateAsync(token, cancellationToken).ConfigureAwait(false);
        }

        var fresh = await GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(fresh, cancellationToken).ConfigureAwait(false);
        }
        catch (WeChatApiException ex) when (WeChatErrorCodes.IsTokenInvalid(ex.ErrorCode))
        {
            WeChatApiLog.TokenRejected(_logger, _key, ex.ErrorCode, willRetry: false);
            await InvalidateAsync(fresh, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private bool IsUsable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] CachedAccessToken? cached) =>
        cached is not null && !string.IsNullOrEmpty(cached.AccessToken) && cached.ExpiresAt > _time.GetUtcNow();

    private async Task<string> RefreshAsync()
    {
        var waitUntil = _time.GetUtcNow() + _options.LockWaitTimeout;
        while (true)
        {
            var refreshLock = await _store.AcquireRefreshLockAsync(_key, _options.RefreshLockTimeToLive, CancellationToken.None).ConfigureAwait(false);
            if (refreshLock is not null)
            {
                await using (refreshLock.ConfigureAwait(false))
                {
                    // Re-read: another instance may have stored a token between our read and taking the lock.
                    var stored = await _store.GetAsync(_key, CancellationToken.None).ConfigureAwait(false);
                    return IsUsable(stored) ? stored.AccessToken : await FetchAndStoreAsync().ConfigureAwait(false);
                }
            }

            if (_time.GetUtcNow() >= waitUntil)
            {
                // The holder is stuck or slow. stable_token (normal mode) and gettoken hand out the current token
                // without invalidating it, so fetching without the lock is safe, only less economical.
                WeChatApiLog.RefreshLockWaitTimedOut(_logger, _key, _options.LockWaitTimeout.TotalSeconds);
                return await FetchAndStoreAsync().ConfigureAwait(false);
            }

            await Task.Delay(_options.LockPollInterval, _time).ConfigureAwait(false);
            var refreshed = await _store.GetAsync(_key, CancellationToken.None).ConfigureAwait(false);
            if (IsUsable(refreshed))
            {
                return refreshed.AccessToken;
            }
        }
    }

    private async Task<string> FetchAndStoreAsync()
    {
        var grant = await _fetch(CancellationToken.None).ConfigureAwait(false);
        if (string.IsNullOrEmpty(grant.AccessToken) || grant.ExpiresIn <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"The token endpoint for {_key} returned no usable access token.");
        }

        var lifetime = _options.CacheLifetime(grant.ExpiresIn);
        await _store.SetAsync(_key, grant.AccessToken, lifetime, CancellationToken.None).ConfigureAwait(false);
        WeChatApiLog.TokenRefreshed(_logger, _key, lifetime.TotalSeconds);
        return grant.AccessToken;
    }
}
