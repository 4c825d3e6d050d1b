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
public sealed class RedisSessionStore(IConnectionMultiplexer redis, IOptions<ChatSessionOptions> options) : ISessionStore
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

    private static readonly RedisValue[] Fields = ["d"];

    public async ValueTask<ChatSession?> LoadAsync(string account, string userId, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var key = RedisKeys.Session(account, userId);
        var values = await db.HashGetAsync(key, Fields);
        if (values[0].IsNull)
        {
            return null;
        }

        // Reading counts as activity: the idle clock restarts.
        _ = db.KeyExpireAsync(key, options.Value.IdleTimeout, flags: CommandFlags.FireAndForget);
        return JsonSerializer.Deserialize((string)values[0]!, SessionJsonContext.Default.ChatSession);
    }

    public async ValueTask<bool> SaveAsync(ChatSession session, CancellationToken ct)
    {
        var expected = session.Version;
        session.Version = expected + 1;
        var json = JsonSerializer.Serialize(session, SessionJsonContext.Default.ChatSession);
        var result = await redis.GetDatabase().ScriptEvaluateAsync(SaveScript, new
        {
            key = RedisKeys.Session(session.Account, session.UserId),
            expected = expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
            next = session.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            json,
            ttl = (long)options.Value.IdleTimeout.TotalMilliseconds,
        });

        if ((int)result == 1)
        {
            return true;
        }

        session.Version = expected;
        return false;
    }

    public async ValueTask DeleteAsync(string account, string userId, CancellationToken ct) =>
        await redis.GetDatabase().KeyDeleteAsync(RedisKeys.Session(account, userId));
}
