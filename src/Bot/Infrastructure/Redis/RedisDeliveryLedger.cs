using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Infrastructure.Redis;

/// <summary>
/// The delivery ledger shared by all Bot instances: <c>SET key P NX PX lease</c> claims a push for a short lease; the
/// outcome replaces the value ("S" for success, "R" + reply XML) for the full dedupe time, so a retry landing on any
/// instance answers the same. A claim whose owner died lapses with its lease and the next retry takes it over. The claim is
/// pipelined with the read of the user's session, so an ordinary message costs one awaited round trip to Redis, and every
/// command goes through the instance's <see cref="RedisBatcher"/>, so concurrent pushes share their round trips.
/// </summary>
public sealed class RedisDeliveryLedger(RedisBatcher batcher, IOptions<ChatSessionOptions> sessions, IMemoryCache written, TimeProvider time)
    : IDeliveryLedger
{
    private const string WindowCacheTag = "contact-window-written";
    private const string Pending = "P";
    private const string Success = "S";
    private const string ReplyPrefix = "R";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public async ValueTask<DeliveryClaim> TryClaimAsync(string key, TimeSpan ttl, SessionAddress? session, CancellationToken ct)
    {
        if (session is null)
        {
            return new DeliveryClaim(await batcher.Add((Key: RedisKeys.Delivery(key), ttl), static (batch, s) =>
            {
                var claimed = batch.StringSetAsync(s.Key, Pending, s.ttl, When.NotExists);
                return new Batched<Task<bool>>(claimed, claimed);
            }));
        }

        // One batch: the claim, the session read and the window's refresh leave in one write and come back in one read.
        var sessionKey = RedisKeys.Session(session.Account, session.UserId);
        var window = session.OpensContactWindow && WindowNeedsRefresh(session)
            ? RedisKeys.ContactWindow(session.Account, session.UserId)
            : (RedisKey?)null;
        var (claimed, json) = batcher.Add(
            (Key: RedisKeys.Delivery(key), ttl, sessionKey, window, Now: time.GetUtcNow().ToUnixTimeSeconds()),
            static (batch, s) =>
            {
                var claimed = batch.StringSetAsync(s.Key, Pending, s.ttl, When.NotExists);
                var json = batch.HashGetAsync(s.sessionKey, "d");
                if (s.window is { } window)
                {
                    // A user's own message opens the 48-hour customer-service window (PROTOCOL §4.4): same write, no wait.
                    _ = batch.StringSetAsync(window, s.Now, ContactWindowRules.Length, flags: CommandFlags.FireAndForget);
                }

                return new Batched<(Task<bool>, Task<RedisValue>)>((claimed, json), json);
            });
        if (!await claimed)
        {
            return new DeliveryClaim(false);
        }

        var value = await json;
        if (value.IsNull)
        {
            return new DeliveryClaim(true, new PreloadedSession(null));
        }

        // Reading counts as activity: the idle clock restarts (as RedisSessionStore.LoadAsync does).
        batcher.Add((sessionKey, sessions.Value.IdleTimeout), static (batch, s) =>
        {
            _ = batch.KeyExpireAsync(s.sessionKey, s.IdleTimeout, flags: CommandFlags.FireAndForget);
            return new Batched<bool>(true, null);
        });
        return new DeliveryClaim(true, new PreloadedSession(JsonSerializer.Deserialize((string)value!, SessionJsonContext.Default.ChatSession)));
    }

    /// <summary>True when this instance has not written the user's window within <see cref="ContactWindowRules.RefreshEvery"/>.</summary>
    private bool WindowNeedsRefresh(SessionAddress session)
    {
        var cacheKey = (WindowCacheTag, session.Account, session.UserId);
        var now = time.GetUtcNow();
        if (written.TryGetValue(cacheKey, out DateTimeOffset last) && now - last < ContactWindowRules.RefreshEvery && now >= last)
        {
            return false;
        }

        // The entry only remembers the last write; it is dropped an hour later whatever the clock says.
        written.Set(cacheKey, now, TimeSpan.FromHours(1));
        return true;
    }

    public ValueTask CompleteAsync(string key, DeliveryOutcome outcome, TimeSpan ttl, CancellationToken ct)
    {
        // Fire and forget: the answer does not wait for Redis. Should the write be lost, a retry polls until its own
        // deadline and answers "success" — it still never processes the message a second time.
        var value = outcome.ReplyXml is null ? Success : ReplyPrefix + outcome.ReplyXml;
        // It rides with the next batch when one is in flight.
        batcher.Add((Key: RedisKeys.Delivery(key), value, ttl), static (batch, s) =>
        {
            _ = batch.StringSetAsync(s.Key, s.value, s.ttl, flags: CommandFlags.FireAndForget);
            return new Batched<bool>(true, null);
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask<DeliveryOutcome?> WaitForOutcomeAsync(string key, TimeSpan maxWait, CancellationToken ct)
    {
        var deliveryKey = RedisKeys.Delivery(key);
        var deadline = time.GetUtcNow() + maxWait;
        while (true)
        {
            // Through the batcher too: a storm's busy replies each read the ledger once (a retry may be owed its answer).
            var value = (string?)await batcher.Add(deliveryKey, static (batch, k) =>
            {
                var read = batch.StringGetAsync(k);
                return new Batched<Task<RedisValue>>(read, read);
            });
            switch (value)
            {
                case null:
                    // The pending claim expired without an outcome: its owner is gone.
                    return DeliveryOutcome.Abandoned;
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
