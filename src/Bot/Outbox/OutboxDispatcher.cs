using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Outbox.Channels;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Outbox;

/// <summary>
/// Delivers the outbox: claims due rows in batches under a lease, sends each through its channel (waiting for rate-limit
/// permits), and records the outcome — Sent; a retry with exponential backoff and jitter for transient errors; the next
/// channel when this one cannot reach the user; Skipped or Dead with the reason and errcode. On stop, a send that has
/// started is finished and recorded, rows not yet started are released for another instance at once.
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxStore store,
    IServiceProvider services,
    OutboxRateLimits limits,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int RecordBatch = 500;
    private const int RecordAttempts = 30;
    private static readonly TimeSpan RecordRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RecordGather = TimeSpan.FromMilliseconds(50);

    // Resolved when the loop starts, not when hosted services are listed: the senders' API clients read options that
    // start-up validation must be first to reject.
    private Dictionary<OutboxChannel, IOutboxChannel> _channels = [];
    private readonly Channel<OutboxResult> _results = Channel.CreateUnbounded<OutboxResult>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Task, byte> _work = new();
    private int _inFlight;

    /// <summary>This instance's lease owner id.</summary>
    public string Owner { get; } = OwnerId();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        _channels = services.GetServices<IOutboxChannel>().ToDictionary(c => c.Channel);
        var settings = options.Value;
        var recorder = RecordLoopAsync();
        using var slots = new SemaphoreSlim(settings.MaxConcurrency);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Keep up to two batches claimed, so sends never wait for a claim round trip.
                var room = (2 * settings.BatchSize) - Volatile.Read(ref _inFlight);
                var claimed = room * 2 >= settings.BatchSize ? await ClaimAsync(Math.Min(room, settings.BatchSize)) : [];
                foreach (var row in claimed)
                {
                    Interlocked.Increment(ref _inFlight);
                    Track(ProcessAsync(row, slots, stoppingToken));
                }

                if (claimed.Count < settings.BatchSize)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: below, started sends finish and everything is recorded.
        }

        await Task.WhenAll(_work.Keys);
        _results.Writer.Complete();
        await recorder;
    }

    private static string OwnerId()
    {
        var id = $"{Guid.NewGuid():N}:{Environment.ProcessId}:{Environment.MachineName}";
        return id.Length <= OutboxMessage.MaxOwnerLength ? id : id[..OutboxMessage.MaxOwnerLength];
    }

    private void Track(Task task)
    {
        _work[task] = 0;
        _ = task.ContinueWith(t => _work.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Not cancelled by the stop: a claim whose UPDATE ran must hand back the rows it took, or they would wait out their
    /// lease before another instance could send them. Rows claimed as the stop comes are released by their processing.
    /// </summary>
    private async Task<List<OutboxMessage>> ClaimAsync(int max)
    {
        try
        {
            return await store.ClaimAsync(Owner, max, options.Value.Lease);
        }
        catch (Exception ex)
        {
            LogClaimFailed(logger, ex);
            return [];
        }
    }

    private async Task ProcessAsync(OutboxMessage row, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        OutboxResult? result;
        try
        {
            result = await DeliverAsync(row, slots, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            result = OutboxResult.Release(row);
        }
        catch (JsonException)
        {
            result = new OutboxResult(row.Id, row.Channel, OutboxStatus.Dead) { Reason = "unreadable payload" };
        }
        catch (Exception ex)
        {
            LogUnexpected(logger, row.Channel, ex);
            result = Retry(row, row.Channel, null, ex.GetType().Name);
        }

        if (result is not null)
        {
            _results.Writer.TryWrite(result);
        }

        Interlocked.Decrement(ref _inFlight);
        signal.Notify();
    }

    /// <returns>The outcome to record, or null when the row's lease was lost to another instance (it records it).</returns>
    private async Task<OutboxResult?> DeliverAsync(OutboxMessage row, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var content = OutboxJsonContext.Deserialize(row.Payload);
        var claimedAt = time.GetTimestamp();
        var channel = row.Channel;
        while (true)
        {
            var sender = _channels[channel];
            await limits.AcquireAsync(sender.RateLimitKeys(row, content), stoppingToken);
            await slots.WaitAsync(stoppingToken);
            SendOutcome outcome;
            try
            {
                // A claim that waited long for permits is renewed first, so its lease outlasts the send.
                if (time.GetElapsedTime(claimedAt) > options.Value.Lease / 2)
                {
                    if (!await store.RenewAsync(row.Id, Owner, options.Value.Lease, CancellationToken.None))
                    {
                        LogLeaseLost(logger, row.Channel);
                        return null;
                    }

                    claimedAt = time.GetTimestamp();
                }

                // From here on no cancellation: a send that started is finished and recorded.
                outcome = await sender.SendAsync(row, content, CancellationToken.None);
            }
            finally
            {
                slots.Release();
            }

            switch (outcome)
            {
                case SendOutcome.Delivered:
                    return new OutboxResult(row.Id, channel, OutboxStatus.Sent);
                case SendOutcome.Unreachable unreachable when content.ReachUser && Next(channel) is { } next:
                    LogFallback(logger, channel, next, unreachable.Reason);
                    channel = next;
                    continue;
                case SendOutcome.Unreachable unreachable:
                    return new OutboxResult(row.Id, channel, OutboxStatus.Skipped) { ErrorCode = unreachable.ErrorCode, Reason = unreachable.Reason };
                case SendOutcome.Skip skip:
                    return new OutboxResult(row.Id, channel, OutboxStatus.Skipped) { Reason = skip.Reason };
                case SendOutcome.Permanent permanent:
                    LogDead(logger, channel, permanent.ErrorCode, permanent.Reason);
                    return new OutboxResult(row.Id, channel, OutboxStatus.Dead) { ErrorCode = permanent.ErrorCode, Reason = permanent.Reason };
                case SendOutcome.Transient transient:
                    return Retry(row, channel, transient.ErrorCode, transient.Reason);
                default:
                    throw new InvalidOperationException($"Unknown send outcome {outcome.GetType().Name}.");
            }
        }
    }

    private OutboxResult Retry(OutboxMessage row, OutboxChannel channel, int? errorCode, string reason)
    {
        var settings = options.Value;
        var failures = row.Attempts + 1;
        if (failures >= settings.MaxAttempts)
        {
            LogDead(logger, channel, errorCode, $"gave up after {failures} attempts ({reason})");
            return new OutboxResult(row.Id, channel, OutboxStatus.Dead) { ErrorCode = errorCode, Reason = $"gave up after {failures} attempts: {reason}" };
        }

        // Exponential backoff with jitter in [½, 1]: rows that failed together do not come back together.
        var exponential = Math.Min(settings.MaxRetryDelay.TotalMilliseconds, settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, failures - 1));
        var delay = TimeSpan.FromMilliseconds(exponential * (0.5 + (Random.Shared.NextDouble() * 0.5)));
        LogRetry(logger, channel, errorCode, reason, delay.TotalMilliseconds, failures);
        return new OutboxResult(row.Id, channel, OutboxStatus.Pending) { NextAttemptAt = time.GetUtcNow() + delay, ErrorCode = errorCode, Reason = reason };
    }

    /// <summary>A notice tries customer service, then a subscribe notification, then the inbox.</summary>
    private static OutboxChannel? Next(OutboxChannel channel) => channel switch
    {
        OutboxChannel.CustomerService => OutboxChannel.Subscribe,
        OutboxChannel.Subscribe => OutboxChannel.InApp,
        _ => null,
    };

    private async Task RecordLoopAsync()
    {
        var batch = new List<OutboxResult>(RecordBatch);
        while (await _results.Reader.WaitToReadAsync(CancellationToken.None))
        {
            // Sends finishing one by one (a rate-limited fan-out) would cost a transaction each: gather them briefly.
            await Task.Delay(RecordGather, CancellationToken.None);

            while (batch.Count < RecordBatch && _results.Reader.TryRead(out var result))
            {
                batch.Add(result);
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await store.RecordAsync(batch, Owner, CancellationToken.None);
                    break;
                }
                catch (Exception ex)
                {
                    // The database is away: keep the outcomes and try again (the leases keep the rows ours meanwhile).
                    // After that, the rows come back when their leases expire: sent ones may then be sent again.
                    LogRecordFailed(logger, batch.Count, attempt, ex);
                    if (attempt == RecordAttempts)
                    {
                        break;
                    }

                    await Task.Delay(RecordRetry, CancellationToken.None);
                }
            }

            batch.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox claim failed; trying again at the next poll")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox delivery on {Channel} failed unexpectedly; retried later")]
    private static partial void LogUnexpected(ILogger logger, OutboxChannel channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox lease on a {Channel} row was lost while waiting; another instance has it")]
    private static partial void LogLeaseLost(ILogger logger, OutboxChannel channel);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox notice moves from {From} to {To}: {Reason}")]
    private static partial void LogFallback(ILogger logger, OutboxChannel from, OutboxChannel to, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Channel} send failed (errcode {ErrorCode}, {Reason}); retry {Attempt} in {DelayMs:0} ms")]
    private static partial void LogRetry(ILogger logger, OutboxChannel channel, int? errorCode, string reason, double delayMs, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Channel} message is dead: errcode {ErrorCode}, {Reason}")]
    private static partial void LogDead(ILogger logger, OutboxChannel channel, int? errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording {Count} outbox results failed (attempt {Attempt})")]
    private static partial void LogRecordFailed(ILogger logger, int count, int attempt, Exception exception);
}
