using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Outbox.Channels;

namespace WechatLogistics.Bot.Outbox;

/// <summary>
/// The platform's send limits as waiting queues (System.Threading.RateLimiting): a send over the limit waits for a
/// permit, it is never dropped or failed. Robots and WeCom members get a sliding window each; the Official Account
/// one token bucket for all its message calls. With Redis, the robots' and members' limits are also kept for all
/// instances together (<see cref="ISharedRateWindow"/>): a send that has its instance's permit then waits for a place in
/// the shared window too.
/// </summary>
/// <remarks>
/// A sliding window of <c>k</c> segments frees a permit between <c>W·(1−1/k)</c> and <c>W</c> after it was taken, so the
/// window used here is widened to <c>W·k/(k−1)</c> plus 5 % (for network jitter): then no span of the platform's
/// window <c>W</c>, as WeChat measures it, ever sees more than the limit.
/// </remarks>
public sealed partial class OutboxRateLimits : IAsyncDisposable
{
    private const int Segments = 10;
    private readonly PartitionedRateLimiter<RateLimitKey>? _limiter;
    private readonly ISharedRateWindow? _shared;
    private readonly ILogger<OutboxRateLimits> _logger;
    private readonly TimeSpan _sharedWindow;
    private readonly int _robotLimit, _memberLimit;

    public OutboxRateLimits(IOptions<OutboxOptions> options, ILogger<OutboxRateLimits> logger, ISharedRateWindow? shared = null)
    {
        var settings = options.Value;
        _logger = logger;
        if (!settings.RateLimitsEnabled)
        {
            return;
        }

        // The shared window is an exact log: widened only for network jitter.
        (_shared, _sharedWindow, _robotLimit, _memberLimit) = (shared, settings.RateWindow * 1.05, settings.RobotPerWindow, settings.WeComAppPerMemberPerWindow);

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
        // A shared limit needs its round trip.
        if (keys.Count > 1 || SharedLimit(keys[0]) > 0)
        {
            return false;
        }

        using var lease = _limiter.AttemptAcquire(keys[0]);
        return lease.IsAcquired;
    }

    /// <summary>
    /// Waits until every partition gave a permit. Cancelled only by host shutdown, before the send starts. Give the
    /// permit to <see cref="Sent"/> once the send was answered.
    /// </summary>
    public async ValueTask<SendPermit> AcquireAsync(IReadOnlyList<RateLimitKey> keys, CancellationToken ct)
    {
        if (_limiter is null)
        {
            return default;
        }

        List<SharedPlace>? places = null;
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

            if (await TakeSharedAsync(key, ct) is { } place)
            {
                (places ??= []).Add(place);
            }
        }

        return new SendPermit(places);
    }

    /// <summary>
    /// The send made with <paramref name="permit"/> was answered: its shared places count from now (in the background;
    /// a failure leaves them counted from when they were taken).
    /// </summary>
    public void Sent(SendPermit permit)
    {
        if (permit.Places is { Count: > 0 } places)
        {
            _ = MarkSentAsync(places);
        }
    }

    private async Task MarkSentAsync(List<SharedPlace> places)
    {
        foreach (var place in places)
        {
            try
            {
                await _shared!.SentAsync(place.Partition, place.Place, _sharedWindow);
            }
            catch (Exception ex)
            {
                // The partition names a robot's key (a secret): only its kind is logged.
                LogSharedUnavailable(_logger, place.Kind, ex);
            }
        }
    }

    private int SharedLimit(RateLimitKey key) => _shared is null ? 0 : key.Kind switch
    {
        RateLimitKind.Robot => _robotLimit,
        RateLimitKind.WeComMember => _memberLimit,
        _ => 0,
    };

    /// <summary>
    /// Waits for a place in the partition's shared window. When Redis cannot be asked, the instance's own limit is all
    /// there is: the send goes (at worst the platform refuses it with 45009, and it is retried).
    /// </summary>
    /// <returns>The place taken; null when no shared limit applies or Redis could not be asked.</returns>
    private async ValueTask<SharedPlace?> TakeSharedAsync(RateLimitKey key, CancellationToken ct)
    {
        var limit = SharedLimit(key);
        if (limit == 0)
        {
            return null;
        }

        var (partition, place) = (key.Kind + ":" + key.Partition, Guid.NewGuid().ToString("N"));
        while (true)
        {
            TimeSpan wait;
            try
            {
                wait = await _shared!.TryTakeAsync(partition, place, limit, _sharedWindow);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSharedUnavailable(_logger, key.Kind, ex);
                return null;
            }

            if (wait <= TimeSpan.Zero)
            {
                return new SharedPlace(key.Kind, partition, place);
            }

            await Task.Delay(wait, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_limiter is not null)
        {
            await _limiter.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared {Kind} send limit could not be checked in Redis; this instance's own limit applies")]
    private static partial void LogSharedUnavailable(ILogger logger, RateLimitKind kind, Exception exception);

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

/// <summary>What <see cref="OutboxRateLimits.AcquireAsync"/> gave: the shared places to mark when the send is answered.</summary>
public readonly record struct SendPermit(List<SharedPlace>? Places);

/// <summary>A place taken in a shared window: the limit's kind, its partition (which may name a secret), the place's id.</summary>
public sealed record SharedPlace(RateLimitKind Kind, string Partition, string Place);
