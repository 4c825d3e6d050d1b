namespace WechatLogistics.Simulator.FakeApi;

/// <summary>
/// WeCom group robots accept at most 20 messages per minute each (PROTOCOL §5.5); beyond that 45009. The window can be
/// shortened (<see cref="FakeApiOptions.RobotWindow"/>) so tests need not wait a minute.
/// </summary>
public sealed class RobotRateLimiter(TimeProvider time, TimeSpan? window = null)
{
    public const int PerMinute = 20;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _sent = new(StringComparer.Ordinal);

    /// <summary>True and the message counted, or false when this robot already sent 20 in the last minute.</summary>
    public bool TryAcquire(string key)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (!_sent.TryGetValue(key, out var sent))
            {
                _sent[key] = sent = new Queue<DateTimeOffset>();
            }

            while (sent.Count > 0 && now - sent.Peek() >= (window ?? TimeSpan.FromMinutes(1)))
            {
                sent.Dequeue();
            }

            if (sent.Count >= PerMinute)
            {
                return false;
            }

            sent.Enqueue(now);
            return true;
        }
    }
}
