using StackExchange.Redis;
using WechatLogistics.Bot.Infrastructure.Redis;

namespace WechatLogistics.Bot.MiniProgram.Sessions;

/// <summary>One hash per session (o = OpenId, h = current secret hash, p = the replaced one), expiring with the refresh token.</summary>
public sealed class RedisMiniSessionStore(IConnectionMultiplexer redis) : IMiniSessionStore
{
    // 1 + OpenId: rotated; 2: a replaced secret came back, the session is gone; 0: unknown or wrong secret.
    private static readonly LuaScript Rotate = LuaScript.Prepare("""
        local s = redis.call('HMGET', @key, 'o', 'h', 'p')
        if not s[1] then return {0} end
        if s[2] == @presented then
          redis.call('HSET', @key, 'h', @next, 'p', @presented)
          redis.call('PEXPIRE', @key, @ttl)
          return {1, s[1]}
        end
        if s[3] == @presented then
          redis.call('DEL', @key)
          return {2}
        end
        return {0}
        """);

    private IDatabase Db => redis.GetDatabase();

    public async Task CreateAsync(string sessionId, string openId, string secretHash, TimeSpan lifetime)
    {
        var key = RedisKeys.MiniSession(sessionId);
        var batch = Db.CreateBatch();
        var set = batch.HashSetAsync(key, [new HashEntry("o", openId), new HashEntry("h", secretHash)]);
        var expire = batch.KeyExpireAsync(key, lifetime);
        batch.Execute();
        await Task.WhenAll(set, expire);
    }

    public async Task<RefreshOutcome> RotateAsync(string sessionId, string presentedHash, string newHash, TimeSpan lifetime)
    {
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(Rotate, new
        {
            key = RedisKeys.MiniSession(sessionId),
            presented = presentedHash,
            next = newHash,
            ttl = (long)lifetime.TotalMilliseconds,
        }))!;
        return (int)result[0] switch
        {
            1 => new RefreshOutcome(RefreshStatus.Rotated, (string?)result[1]),
            2 => new RefreshOutcome(RefreshStatus.Reused, null),
            _ => new RefreshOutcome(RefreshStatus.Unknown, null),
        };
    }

    public Task RevokeAsync(string sessionId) => Db.KeyDeleteAsync(RedisKeys.MiniSession(sessionId));
}
