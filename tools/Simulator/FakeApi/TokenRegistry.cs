using System.Security.Cryptography;

namespace WechatLogistics.Simulator.FakeApi;

/// <summary>Which API a token is good for: an Official Account token is no use on WeCom, and the reverse.</summary>
public enum TokenRealm
{
    OfficialAccount,
    WeCom,
}

public sealed record IssuedToken(string Value, TokenRealm Realm, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues and checks access tokens with the real lifetimes (PROTOCOL §4.1, §4.2, §5.3): 7200 s;
/// <c>stable_token</c> returns the same token until 5 minutes before expiry (then a new one, the old still valid
/// until it expires), and force_refresh invalidates the old one at once; <c>cgi-bin/token</c> issues a new token on
/// every call and leaves the previous one 5 more minutes; WeCom <c>gettoken</c> returns the same token until expiry.
/// The two OA kinds are isolated from each other.
/// </summary>
public sealed class TokenRegistry(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(7200);

    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, IssuedToken> _byValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _current = new(StringComparer.Ordinal);

    public IssuedToken Stable(string appId, bool forceRefresh)
    {
        lock (_lock)
        {
            var key = "stable:" + appId;
            var now = time.GetUtcNow();
            if (_current.TryGetValue(key, out var current))
            {
                if (forceRefresh)
                {
                    _byValue.Remove(current.Value);
                }
                else if (now < current.ExpiresAt - Overlap)
                {
                    return current;
                }
            }

            return Issue(key, TokenRealm.OfficialAccount, "STABLE");
        }
    }

    public IssuedToken Classic(string appId)
    {
        lock (_lock)
        {
            var key = "token:" + appId;
            if (_current.TryGetValue(key, out var previous))
            {
                // "重复获取将导致上次获取的access_token失效", after a 5-minute overlap.
                var cutoff = time.GetUtcNow() + Overlap;
                _byValue[previous.Value] = previous with { ExpiresAt = cutoff < previous.ExpiresAt ? cutoff : previous.ExpiresAt };
            }

            return Issue(key, TokenRealm.OfficialAccount, "ACCESS");
        }
    }

    public IssuedToken WeCom(string corpId, string corpSecret)
    {
        lock (_lock)
        {
            var key = "wecom:" + corpId + ":" + corpSecret;
            return _current.TryGetValue(key, out var current) && time.GetUtcNow() < current.ExpiresAt
                ? current
                : Issue(key, TokenRealm.WeCom, "WECOM");
        }
    }

    public int SecondsLeft(IssuedToken token) => (int)Math.Max(0, Math.Ceiling((token.ExpiresAt - time.GetUtcNow()).TotalSeconds));

    /// <summary>0 when <paramref name="token"/> is valid for <paramref name="realm"/>, else the errcode the API gives.</summary>
    public int Check(string? token, TokenRealm realm)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 41001;
        }

        lock (_lock)
        {
            if (!_byValue.TryGetValue(token, out var issued) || issued.Realm != realm)
            {
                // WeCom answers 40014 for a token it does not know; the OA API answers 40001.
                return realm == TokenRealm.WeCom ? 40014 : 40001;
            }

            return time.GetUtcNow() < issued.ExpiresAt ? 0 : 42001;
        }
    }

    private IssuedToken Issue(string key, TokenRealm realm, string prefix)
    {
        var token = new IssuedToken($"SIM_{prefix}_{RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 96)}", realm, time.GetUtcNow() + Lifetime);
        _current[key] = token;
        _byValue[token.Value] = token;
        return token;
    }
}
