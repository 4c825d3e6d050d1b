namespace WechatLogistics.Simulator.FakeApi;

/// <summary>
/// The customer-service message window (PROTOCOL §4.4): after a user sends a message, the account may send that user
/// 5 messages within 48 hours; beyond that 45047, outside the window 45015. Enforced only with <c>--strict-window</c>.
/// </summary>
public sealed class ServiceWindow(TimeProvider time)
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(48);

    public const int Quota = 5;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateTimeOffset Since, int Sent)> _windows = new(StringComparer.Ordinal);

    /// <summary>The user sent a message: a new window with a fresh quota.</summary>
    public DateTimeOffset RecordInteraction(string openId)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            _windows[openId] = (now, 0);
            return now + Length;
        }
    }

    /// <summary>0 and one message counted, or 45015 / 45047.</summary>
    public int TrySend(string openId, bool strict)
    {
        if (!strict)
        {
            return 0;
        }

        lock (_lock)
        {
            if (!_windows.TryGetValue(openId, out var window) || time.GetUtcNow() - window.Since > Length)
            {
                return 45015;
            }

            if (window.Sent >= Quota)
            {
                return 45047;
            }

            _windows[openId] = window with { Sent = window.Sent + 1 };
            return 0;
        }
    }
}
