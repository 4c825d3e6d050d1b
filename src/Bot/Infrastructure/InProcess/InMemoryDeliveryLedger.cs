using System.Collections.Concurrent;
using WechatLogistics.Bot.WeChat;

namespace WechatLogistics.Bot.Infrastructure.InProcess;

/// <summary>
/// Single-instance delivery ledger: correct only while one Bot process serves the account. A first delivery of a
/// user's message also records the contact window, as the Redis ledger does.
/// </summary>
public sealed class InMemoryDeliveryLedger(TimeProvider time, InMemoryContactWindow? window = null) : IDeliveryLedger
{
    // Expired entries are removed from the front of a queue in claim order (every entry lives the same TTL), a few per
    // claim: the cost stays constant however many deliveries are remembered.
    private const int MaxRemovalsPerClaim = 16;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Key, Entry Entry)> _expiryOrder = new();

    public ValueTask<DeliveryClaim> TryClaimAsync(string key, TimeSpan ttl, SessionAddress? session, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        RemoveExpired(now);

        while (true)
        {
            var fresh = new Entry(now + ttl);
            var entry = _entries.GetOrAdd(key, fresh);
            if (ReferenceEquals(entry, fresh))
            {
                _expiryOrder.Enqueue((key, fresh));
                if (session is { OpensContactWindow: true })
                {
                    window?.Record(session.Account, session.UserId);
                }

                return ValueTask.FromResult(new DeliveryClaim(true));
            }

            if (entry.ExpiresAt > now)
            {
                return ValueTask.FromResult(new DeliveryClaim(false));
            }

            // Expired: replace it, unless another thread did so first.
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }
    }

    public ValueTask CompleteAsync(string key, DeliveryOutcome outcome, TimeSpan ttl, CancellationToken ct)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.ExpiresAt = time.GetUtcNow() + ttl;
            entry.Outcome.TrySetResult(outcome);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask<DeliveryOutcome?> WaitForOutcomeAsync(string key, TimeSpan maxWait, CancellationToken ct)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        try
        {
            return await entry.Outcome.Task.WaitAsync(maxWait, time, ct);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>How many deliveries are remembered (tests).</summary>
    internal int Count => _entries.Count;

    private void RemoveExpired(DateTimeOffset now)
    {
        for (var i = 0; i < MaxRemovalsPerClaim && _expiryOrder.TryPeek(out var head) && head.Entry.ExpiresAt <= now; i++)
        {
            if (_expiryOrder.TryDequeue(out head))
            {
                if (head.Entry.ExpiresAt <= now)
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(head.Key, head.Entry));
                }
                else
                {
                    // Completion extended it meanwhile: it goes to the back of the line.
                    _expiryOrder.Enqueue(head);
                }
            }
        }
    }

    private sealed class Entry(DateTimeOffset expiresAt)
    {
        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public TaskCompletionSource<DeliveryOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
