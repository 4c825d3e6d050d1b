using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Infrastructure.InProcess;

/// <summary>
/// Single-instance session store. Sessions are kept serialized (like in Redis) so a dialog can never mutate a stored
/// session without saving it, and so both stores behave the same.
/// </summary>
public sealed class InMemorySessionStore(TimeProvider time, IOptions<ChatSessionOptions> options) : ISessionStore
{
    private readonly ConcurrentDictionary<string, Stored> _sessions = new(StringComparer.Ordinal);

    public ValueTask<ChatSession?> LoadAsync(string account, string userId, CancellationToken ct)
    {
        var key = Key(account, userId);
        if (!_sessions.TryGetValue(key, out var stored))
        {
            return ValueTask.FromResult<ChatSession?>(null);
        }

        if (stored.ExpiresAt <= time.GetUtcNow())
        {
            _sessions.TryRemove(new KeyValuePair<string, Stored>(key, stored));
            return ValueTask.FromResult<ChatSession?>(null);
        }

        return ValueTask.FromResult(JsonSerializer.Deserialize(stored.Json, SessionJsonContext.Default.ChatSession));
    }

    public ValueTask<bool> SaveAsync(ChatSession session, CancellationToken ct)
    {
        var key = Key(session.Account, session.UserId);
        var now = time.GetUtcNow();
        var expected = session.Version;
        session.Version = expected + 1;
        var next = new Stored(JsonSerializer.Serialize(session, SessionJsonContext.Default.ChatSession), session.Version, now + options.Value.IdleTimeout);

        while (true)
        {
            if (_sessions.TryGetValue(key, out var current))
            {
                var live = current.ExpiresAt > now;
                if (live && current.Version != expected)
                {
                    session.Version = expected;
                    return ValueTask.FromResult(false);
                }

                if (_sessions.TryUpdate(key, next, current))
                {
                    return ValueTask.FromResult(true);
                }
            }
            else if (_sessions.TryAdd(key, next))
            {
                return ValueTask.FromResult(true);
            }
        }
    }

    public ValueTask DeleteAsync(string account, string userId, CancellationToken ct)
    {
        _sessions.TryRemove(Key(account, userId), out _);
        return ValueTask.CompletedTask;
    }

    private static string Key(string account, string userId) => account + "\u001f" + userId;

    private sealed record Stored(string Json, long Version, DateTimeOffset ExpiresAt);
}
