using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Outbox.Channels;

namespace WechatLogistics.Bot.Outbox;

/// <summary>
/// The platform's send limits as waiting queues (System.Threading.RateLimiting): a send over the limit waits for a
/// permit, it is never dropped or failed. Robots and WeCom members get a sliding window each; the Official Account
/// one token bucket for all its message calls.
/// </summary>
/// <remarks>
/// A sliding window of <c>k</c> segments frees a permit between <c>W·(1−1/k)</c> and <c>W</c> after it was taken, so the
/// window used here is widened to <c>W·k/(k−1)</c> plus 5 % (for network jitter): then no span of the platform's
/// window <c>W</c>, as WeChat measures it, ever sees more than the limit.
/// </remarks>
public sealed class OutboxRateLimits : IAsyncDisposable
{
    private const int Segments = 10;
    private readonly PartitionedRateLimiter<RateLimitKey>? _limiter;

    public OutboxRateLimits(IOptions<OutboxOptions> options)
    {
        var settings = options.Value;
        if (!settings.RateLimitsEnabled)
        {
            return;
        }

        var window = settings.RateWindow * (Segments / (Segments - 1.0)) * 1.05;
        _limiter = PartitionedRateLimiter.Create<RateLimitKey, RateLimitKey>(key => key.Kind switch
        {
            RateLimitKind.Robot => RateLimitPartition.GetSlidingWindowLimiter(key, _ => Sliding(settings.RobotPerWindow, window)),
            RateLimitKind.WeComMember => RateLimitPartition.GetSlidingWindowLimiter(key, _ => Sliding(settings.WeComAppPerMemberPerWindow, window)),
            _ when settings.OfficialAccountPerSecond == 0 => RateLimitPartition.GetNoLimiter(key),
            _ => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.OfficialAccountPerSecond,
                TokensPerPeriod = Math.Max(1, settings.OfficialAccountPerSecond / 10),
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }),
        });
    }

    /// <summary>
    /// Takes the permit at once if there is one (the common case; no timer or queue entry is made): true when no limit
    /// applies, or the only partition had a permit. False when the caller must wait in <see cref="AcquireAsync"/>.
    /// </summary>
    public bool TryAcquire(IReadOnlyList<RateLimitKey> keys)
    {
        if (_limiter is null || keys.Count == 0)
        {
            return true;
        }

        // Several partitions are all taken in the queue: one taken here and another refused would cost a permit twice.
        if (keys.Count > 1)
        {
            return false;
        }

        using var lease = _limiter.AttemptAcquire(keys[0]);
        return lease.IsAcquired;
    }

    /// <summary>Waits until every partition gave a permit. Cancelled only by host shutdown, before the send starts.</summary>
    public async ValueTask AcquireAsync(IReadOnlyList<RateLimitKey> keys, CancellationToken ct)
    {
        if (_limiter is null)
        {
            return;
        }

        foreach (var key in keys)
        {
            while (true)
            {
                using var lease = await _limiter.AcquireAsync(key, 1, ct);
                if (lease.IsAcquired)
                {
                    break;
                }

                // Only when the queue itself overflowed: wait as told, then queue again.
                await Task.Delay(lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMilliseconds(100), ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_limiter is not null)
        {
            await _limiter.DisposeAsync();
        }
    }

    private static SlidingWindowRateLimiterOptions Sliding(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        SegmentsPerWindow = Segments,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };
}
