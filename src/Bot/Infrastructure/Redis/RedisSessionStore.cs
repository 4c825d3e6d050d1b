using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Infrastructure.Redis;

/// <summary>
/// Sessions in Redis, shared by all Bot instances: a hash (v = version, d = JSON) with a sliding idle expiry.
/// Saving is a compare-and-set on the version, so two instances handling the same user never silently overwrite
/// each other's progress.
/// </summary>
public sealed class RedisSessionStore(RedisBatcher batcher, IOptions<ChatSessionOptions> options) : ISessionStore
{
    // Arguments: the session key, the expected and the new version, the JSON, the idle time in ms. A missing key (expired) accepts any save.
    private static readonly LuaScript SaveScript = LuaScript.Prepare(
        """
        local v = redis.call('HGET', @key, 'v')
        if v and v ~= @expected then return 0 end
        redis.call('HSET', @key, 'v', @next, 'd', @json)
        redis.call('PEXPIRE', @key, @ttl)
        return 1
        """);

    public async ValueTask<ChatSession?> LoadAsync(string account, string userId, CancellationToken ct)
    {
        var key = RedisKeys.Session(account, userId);
        var value = await batcher.Add(key, static (batch, key) =>
        {
            var read = batch.HashGetAsync(key, "d");
            return new Batched<Task<RedisValue>>(read, read);
        });
        if (value.IsNull)
        {
            return null;
        }

        // Reading counts as activity: the idle clock restarts.
        batcher.Add((key, options.Value.IdleTimeout), static (batch, s) =>
        {
            _ = batch.KeyExpireAsync(s.key, s.IdleTimeout, flags: CommandFlags.FireAndForget);
            return new Batched<bool>(true, null);
        });
        return JsonSerializer.Deserialize((string)value!, SessionJsonContext.Default.ChatSession);
    }

    public async ValueTask<bool> SaveAsync(ChatSession session, CancellationToken ct)
    {
        var expected = session.Version;
        session.Version = expected + 1;
        var json = JsonSerializer.Serialize(session, SessionJsonContext.Default.ChatSession);
        var result = await batcher.Add(
            new SaveArguments(
                RedisKeys.Session(session.Account, session.UserId),
                expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
                session.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                json,
                (long)options.Value.IdleTimeout.TotalMilliseconds),
            static (batch, arguments) =>
            {
                var saved = batch.ScriptEvaluateAsync(SaveScript, arguments);
                return new Batched<Task<RedisResult>>(saved, saved);
            });

        if ((int)result == 1)
        {
            return true;
        }

        session.Version = expected;
        return false;
    }

    public async ValueTask DeleteAsync(string account, string userId, CancellationToken ct) =>
        await batcher.Add(RedisKeys.Session(account, userId), static (batch, key) =>
        {
            var deleted = batch.KeyDeleteAsync(key);
            return new Batched<Task<bool>>(deleted, deleted);
        });

    // The script's parameters, by name (LuaScript reads the members).
    private sealed record SaveArguments(RedisKey key, string expected, string next, string json, long ttl);
}
