using System.Collections.Concurrent;
using WechatLogistics.Bot.WeChat;

namespace WechatLogistics.Bot.Infrastructure.InProcess;

/// <summary>
/// Single-instance delivery ledger: correct only while one Bot process serves the account. A first delivery of a
/// user's message also records the contact window, as the Redis ledger does.
/// </summary>
public sealed class InMemoryDeliveryLedger(TimeProvider time, InMemoryContactWindow? window = null) : IDeliveryLedger
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _claims;

    public ValueTask<DeliveryClaim> TryClaimAsync(string key, TimeSpan ttl, SessionAddress? session, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _claims) % 1024 == 0)
        {
            Sweep(now);
        }

        while (true)
        {
            var fresh = new Entry(now + ttl);
            var entry = _entries.GetOrAdd(key, fresh);
            if (ReferenceEquals(entry, fresh))
            {
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

    private void Sweep(DateTimeOffset now)
    {
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAt <= now)
            {
                _entries.TryRemove(pair);
            }
        }
    }

    private sealed class Entry(DateTimeOffset expiresAt)
    {
        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public TaskCompletionSource<DeliveryOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
