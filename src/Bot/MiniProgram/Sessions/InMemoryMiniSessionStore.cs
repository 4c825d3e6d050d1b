namespace WechatLogistics.Bot.MiniProgram.Sessions;

/// <summary>Sessions in this process (single-instance mode, like the other in-process stores): lost on restart.</summary>
public sealed class InMemoryMiniSessionStore(TimeProvider time) : IMiniSessionStore
{
    private readonly Dictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task CreateAsync(string sessionId, string openId, string secretHash, TimeSpan lifetime)
    {
        lock (_lock)
        {
            _sessions[sessionId] = new Entry(openId, secretHash, null, time.GetUtcNow() + lifetime);
        }

        return Task.CompletedTask;
    }

    public Task<RefreshOutcome> RotateAsync(string sessionId, string presentedHash, string newHash, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_sessions.TryGetValue(sessionId, out var entry) || entry.ExpiresAt <= now)
            {
                _sessions.Remove(sessionId);
                return Task.FromResult(new RefreshOutcome(RefreshStatus.Unknown, null));
            }

            if (entry.Current == presentedHash)
            {
                _sessions[sessionId] = new Entry(entry.OpenId, newHash, presentedHash, now + lifetime);
                return Task.FromResult(new RefreshOutcome(RefreshStatus.Rotated, entry.OpenId));
            }

            if (entry.Previous == presentedHash)
            {
                _sessions.Remove(sessionId);
                return Task.FromResult(new RefreshOutcome(RefreshStatus.Reused, null));
            }

            return Task.FromResult(new RefreshOutcome(RefreshStatus.Unknown, null));
        }
    }

    public Task RevokeAsync(string sessionId)
    {
        lock (_lock)
        {
            _sessions.Remove(sessionId);
        }

        return Task.CompletedTask;
    }

    private sealed record Entry(string OpenId, string Current, string? Previous, DateTimeOffset ExpiresAt);
}
