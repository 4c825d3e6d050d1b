using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;
using WechatLogistics.Bot.Outbox;

namespace WechatLogistics.Bot.Infrastructure.Redis;

/// <summary>
/// A sliding log in Redis, one sorted set per partition (the send times), checked and written in one script on Redis's
/// own clock, so instances whose clocks differ still count the same window.
/// </summary>
public sealed class RedisRateWindow(IConnectionMultiplexer redis) : ISharedRateWindow
{
    // KEYS[1] the log; ARGV: limit, window (ms), a unique member. Returns 0 when taken, else the ms until a place frees.
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

    public async ValueTask<TimeSpan> TryTakeAsync(string partition, int limit, TimeSpan window)
    {
        var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(
            TakeScript,
            [KeyOf(partition)],
            [limit, (long)Math.Ceiling(window.TotalMilliseconds), Guid.NewGuid().ToString("N")]);
        return TimeSpan.FromMilliseconds(wait);
    }

    /// <summary>A robot's partition is its webhook key, a secret: the Redis key holds a hash of it.</summary>
    private static RedisKey KeyOf(string partition) =>
        RedisKeys.RateWindow(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(partition)))[..32]);
}
