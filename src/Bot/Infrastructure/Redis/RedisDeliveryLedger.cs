using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Infrastructure.Redis;

/// <summary>
/// The delivery ledger shared by all Bot instances: <c>SET key P NX PX ttl</c> claims a push; the outcome replaces
/// the value ("S" for success, "R" + reply XML) so a retry landing on any instance answers the same. The claim also
/// reads the user's session in the same script, so an ordinary message costs one awaited round trip to Redis.
/// </summary>
public sealed class RedisDeliveryLedger(IConnectionMultiplexer redis, IOptions<ChatSessionOptions> sessions, TimeProvider time) : IDeliveryLedger
{
    private const string Pending = "P";
    private const string Success = "S";
    private const string ReplyPrefix = "R";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    // Returns {0} for a retry, {1} for a claim without a session, {1, json} with one (whose idle clock restarts).
    // A user's own message also sets the contact-window key (48 h, PROTOCOL §4.4): one more SET, no more round trips.
    // All keys are on the one Redis node we use (no cluster), so a script may touch them all.
    private static readonly LuaScript ClaimScript = LuaScript.Prepare(
        """
        if not redis.call('SET', @claim, 'P', 'NX', 'PX', @ttl) then return {0} end
        if @window ~= '' then redis.call('SET', @window, @now, 'PX', @windowTtl) end
        local d = redis.call('HGET', @session, 'd')
        if not d then return {1} end
        redis.call('PEXPIRE', @session, @idle)
        return {1, d}
        """);

    public async ValueTask<DeliveryClaim> TryClaimAsync(string key, TimeSpan ttl, SessionAddress? session, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        if (session is null)
        {
            return new DeliveryClaim(await db.StringSetAsync(RedisKeys.Delivery(key), Pending, ttl, When.NotExists));
        }

        var result = (RedisResult[])(await db.ScriptEvaluateAsync(ClaimScript, new
        {
            claim = RedisKeys.Delivery(key),
            session = RedisKeys.Session(session.Account, session.UserId),
            ttl = (long)ttl.TotalMilliseconds,
            idle = (long)sessions.Value.IdleTimeout.TotalMilliseconds,
            window = session.OpensContactWindow ? RedisKeys.ContactWindow(session.Account, session.UserId) : (RedisKey)string.Empty,
            now = time.GetUtcNow().ToUnixTimeSeconds(),
            windowTtl = (long)ContactWindowRules.Length.TotalMilliseconds,
        }))!;
        if ((int)result[0] == 0)
        {
            return new DeliveryClaim(false);
        }

        var loaded = result.Length > 1 ? JsonSerializer.Deserialize((string)result[1]!, SessionJsonContext.Default.ChatSession) : null;
        return new DeliveryClaim(true, new PreloadedSession(loaded));
    }

    public ValueTask CompleteAsync(string key, DeliveryOutcome outcome, TimeSpan ttl, CancellationToken ct)
    {
        // Fire and forget: the answer does not wait for Redis. Should the write be lost, a retry polls until its own
        // deadline and answers "success" — it still never processes the message a second time.
        var value = outcome.ReplyXml is null ? Success : ReplyPrefix + outcome.ReplyXml;
        redis.GetDatabase().StringSet(RedisKeys.Delivery(key), value, ttl, flags: CommandFlags.FireAndForget);
        return ValueTask.CompletedTask;
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
