using StackExchange.Redis;
using WechatLogistics.Bot.WeChat;

namespace WechatLogistics.Bot.Infrastructure.Redis;

/// <summary>
/// The contact window shared by all instances: <c>wl:win:{account}:{user}</c> exists for 48 hours after the user's
/// last message (written by <see cref="RedisDeliveryLedger"/>'s claim script, so the webhook pays no extra round trip).
/// </summary>
public sealed class RedisContactWindow(IConnectionMultiplexer redis, TimeProvider time) : IContactWindow
{
    public async ValueTask RecordAsync(string account, string userId, CancellationToken ct) =>
        await redis.GetDatabase().StringSetAsync(
            RedisKeys.ContactWindow(account, userId), time.GetUtcNow().ToUnixTimeSeconds(), ContactWindowRules.Length);

    public async ValueTask<bool> IsOpenAsync(string account, string userId, CancellationToken ct) =>
        await redis.GetDatabase().KeyExistsAsync(RedisKeys.ContactWindow(account, userId));
}
