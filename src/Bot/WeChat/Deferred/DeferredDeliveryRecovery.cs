using Microsoft.Extensions.Options;

namespace WechatLogistics.Bot.WeChat.Deferred;

/// <summary>
/// Answers owed by an instance that died: every <see cref="DeferredDeliveryOptions.ScanInterval"/> each instance
/// claims journal entries whose lease lapsed and replays them through their receiver, which queues the answer in the
/// outbox. The conversation engine makes a replay safe: a dialog step that had not been saved runs again from the
/// same session, and a ticket already opened from the same draft is found by its idempotency key, not opened twice.
/// </summary>
public sealed partial class DeferredDeliveryRecovery(
    DeferredDeliveryJournal journal,
    IServiceProvider services,
    IOptions<DeferredDeliveryOptions> options,
    TimeProvider time,
    ILogger<DeferredDeliveryRecovery> logger) : BackgroundService
{
    private const int Batch = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScanInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RecoverOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is unreachable; the next scan tries again.
                LogScanFailed(logger, ex.GetType().Name);
            }
        }
    }

    /// <returns>How many messages were replayed and answered in this scan.</returns>
    public async Task<int> RecoverOnceAsync(CancellationToken ct)
    {
        var replayed = 0;
        foreach (var entry in await journal.ClaimLapsedAsync(Batch, ct))
        {
            if (entry.Attempts > options.Value.MaxReplays
                || services.GetKeyedService<IDeferredReplay>(entry.Receiver) is not { } receiver
                || DeferredDeliveryJournal.InputOf(entry) is not { } input)
            {
                LogGivenUp(logger, entry.Receiver, entry.Attempts - 1);
                await journal.SettleAsync(entry.Key, ct);
                continue;
            }

            try
            {
                await receiver.ReplayAsync(input, ct);
                await journal.SettleAsync(entry.Key, ct);
                LogReplayed(logger, entry.Receiver, (int)(time.GetUtcNow() - entry.CreatedAt).TotalSeconds);
                replayed++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Its lease lapses again and the next scan retries it, up to MaxReplays.
                LogReplayFailed(logger, entry.Receiver, ex.GetType().Name);
            }
        }

        return replayed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replayed a {Receiver} message whose first instance stopped before answering ({Seconds} s after it arrived)")]
    private static partial void LogReplayed(ILogger logger, string receiver, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaying a {Receiver} message failed ({Error}); it is retried after its lease")]
    private static partial void LogReplayFailed(ILogger logger, string receiver, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up a deferred {Receiver} message after {Replays} failed replays")]
    private static partial void LogGivenUp(ILogger logger, string receiver, int replays);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The deferred-answer scan failed ({Error})")]
    private static partial void LogScanFailed(ILogger logger, string error);
}
