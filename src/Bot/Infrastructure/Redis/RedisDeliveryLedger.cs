using StackExchange.Redis;
using WechatLogistics.Bot.WeChat;

namespace WechatLogistics.Bot.Infrastructure.Redis;

/// <summary>
/// The delivery ledger shared by all Bot instances: <c>SET key P NX EX ttl</c> claims a push; the outcome replaces
/// the value ("S" for success, "R" + reply XML) so a retry landing on any instance answers the same.
/// </summary>
public sealed class RedisDeliveryLedger(IConnectionMultiplexer redis, TimeProvider time) : IDeliveryLedger
{
    private const string Pending = "P";
    private const string Success = "S";
    private const string ReplyPrefix = "R";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public async ValueTask<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken ct) =>
        await redis.GetDatabase().StringSetAsync(RedisKeys.Delivery(key), Pending, ttl, When.NotExists);

    public async ValueTask CompleteAsync(string key, DeliveryOutcome outcome, TimeSpan ttl, CancellationToken ct)
    {
        var value = outcome.ReplyXml is null ? Success : ReplyPrefix + outcome.ReplyXml;
        await redis.GetDatabase().StringSetAsync(RedisKeys.Delivery(key), value, ttl);
    }

    public async ValueTask<DeliveryOutcome?> WaitForOutcomeAsync(string key, TimeSpan maxWait, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var deadline = time.GetUtcNow() + maxWait;
        while (true)
        {
            var value = (string?)await db.StringGetAsync(RedisKeys.Delivery(key));
            switch (value)
            {
                case null:
                    return null;
                case Success:
                    return DeliveryOutcome.Success;
                case not Pending when value.StartsWith(ReplyPrefix, StringComparison.Ordinal):
                    return new DeliveryOutcome(value[ReplyPrefix.Length..]);
            }

            if (time.GetUtcNow() + PollInterval > deadline)
            {
                return null;
            }

            await Task.Delay(PollInterval, time, ct);
        }
    }
}
