using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;
using WechatLogistics.Bot.Outbox;

namespace WechatLogistics.Bot.Infrastructure.Redis;

/// <summary>
/// A sliding log in Redis, one sorted set per partition (a place per send, scored by its time), checked and written in
/// one script on Redis's own clock, so instances whose clocks differ still count the same window.
/// </summary>
public sealed class RedisRateWindow(IConnectionMultiplexer redis) : ISharedRateWindow
{
    // KEYS[1] the log; ARGV: limit, window (ms), the place (unique). Returns 0 when taken, else the ms until a place frees.
    private const string TakeScript =
        """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
          redis.call('ZADD', KEYS[1], now, ARGV[3])
          redis.call('PEXPIRE', KEYS[1], window)
          return 0
        end
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        return math.max(1, tonumber(oldest[2]) + window - now + 1)
        """;

    // KEYS[1] the log; ARGV: the place, window (ms). Sets the place's time to now (adding it if it was trimmed).
    private const string SentScript =
        """
        local t = redis.call('TIME')
        redis.call('ZADD', KEYS[1], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 0
        """;

    public async ValueTask<TimeSpan> TryTakeAsync(string partition, string place, int limit, TimeSpan window)
    {
        var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(TakeScript, [KeyOf(partition)], [limit, Milliseconds(window), place]);
        return TimeSpan.FromMilliseconds(wait);
    }

    public async ValueTask SentAsync(string partition, string place, TimeSpan window) =>
        await redis.GetDatabase().ScriptEvaluateAsync(SentScript, [KeyOf(partition)], [place, Milliseconds(window)]);

    private static long Milliseconds(TimeSpan window) => (long)Math.Ceiling(window.TotalMilliseconds);

    /// <summary>A robot's partition is its webhook key, a secret: the Redis key holds a hash of it.</summary>
    private static RedisKey KeyOf(string partition) =>
        RedisKeys.RateWindow(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(partition)))[..32]);
}
