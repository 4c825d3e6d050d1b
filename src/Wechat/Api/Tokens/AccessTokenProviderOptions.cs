namespace WechatLogistics.Wechat.Api.Tokens;

public sealed record AccessTokenProviderOptions
{
    /// <summary>
    /// A token is cached for <c>expires_in</c> minus this, so it is replaced before it expires. 300 s matches the
    /// platform, which renews stable tokens 5 minutes early with a 5-minute overlap (PROTOCOL §4.2).
    /// </summary>
    public TimeSpan RefreshAhead { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Floor: when <c>expires_in − RefreshAhead</c> is shorter than this, the token is cached for half its life instead.</summary>
    public TimeSpan MinimumLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the refresh lock lives if its holder dies; longer than a token call with its retries (3 × 10 s + backoff).</summary>
    public TimeSpan RefreshLockTimeToLive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an instance without the lock waits for the holder's token before fetching one itself.</summary>
    public TimeSpan LockWaitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an instance without the lock re-reads the store.</summary>
    public TimeSpan LockPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    internal TimeSpan CacheLifetime(TimeSpan expiresIn)
    {
        var lifetime = expiresIn - RefreshAhead;
        return lifetime >= MinimumLifetime ? lifetime : expiresIn / 2;
    }
}
