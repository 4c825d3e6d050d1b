namespace WechatLogistics.Bot.MiniProgram.Sessions;

/// <summary>
/// Students' sign-in sessions behind the refresh tokens. A refresh token is <c>{sessionId}.{secret}</c>; only the
/// SHA-256 of the secret is stored. Each refresh replaces the secret (rotation); presenting the replaced one again
/// means the token was copied, so the whole session is revoked (reuse detection).
/// </summary>
public interface IMiniSessionStore
{
    Task CreateAsync(string sessionId, string openId, string secretHash, TimeSpan lifetime);

    /// <summary>Atomically: the current secret → replaced by <paramref name="newHash"/>; the replaced one → session revoked.</summary>
    Task<RefreshOutcome> RotateAsync(string sessionId, string presentedHash, string newHash, TimeSpan lifetime);

    Task RevokeAsync(string sessionId);
}

public enum RefreshStatus
{
    Unknown,
    Rotated,
    Reused,
}

public readonly record struct RefreshOutcome(RefreshStatus Status, string? OpenId);
