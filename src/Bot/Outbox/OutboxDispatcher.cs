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
/// started is finished and recorded, rows not yet started are released for another instance at once. A channel that
/// combines (a group robot) sends one recipient's rows that gathered while its message waited for the permit as one
/// digest; rows waiting for a permit keep their lease renewed.
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
    // The digest still gathering per route (channel|recipient): a claimed row for that route joins it, not a new send.
    private readonly ConcurrentDictionary<string, Digest> _gathering = new(StringComparer.Ordinal);
    // Per route of a channel whose digests go one at a time (IOutboxChannel.OneAtATime): held while one is sent.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _oneAtATime = new(StringComparer.Ordinal);
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
                var opened = new List<(string Route, Digest Digest)>();
                foreach (var row in claimed)
                {
                    Dispatch(row, opened, slots, stoppingToken);
                }

                // Digests start once the whole claim is in: a route's rows claimed together go together.
                foreach (var (route, digest) in opened)
                {
                    Start(ProcessDigestAsync(route, digest, slots, stoppingToken));
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

    /// <summary>A send (or digest) in flight: counted in the dispatcher's hands until its outcome is handed over.</summary>
    private void Start(Task task)
    {
        Interlocked.Increment(ref _inFlight);
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

    /// <summary>
    /// Starts a claimed row's send, or adds it to its route's gathering digest (a new one goes to
    /// <paramref name="opened"/>, for the claim loop to start): a digest counts as one send in flight, so rows queued
    /// behind a rate limit never fill the dispatcher's hands (the claim loop is their only writer).
    /// </summary>
    private void Dispatch(OutboxMessage row, List<(string Route, Digest Digest)> opened, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        if (!_channels.TryGetValue(row.Channel, out var channel) || channel.CombineAtMost <= 1)
        {
            Start(ProcessAsync(row, null, slots, stoppingToken));
        }
        else if (!TryRead(row, out var content))
        {
            // Unreadable: recorded Dead, nothing to send.
            _results.Writer.TryWrite(Unreadable(row));
        }
        else if (channel.CombineKey(row, content) is not { } combineKey)
        {
            Start(ProcessAsync(row, content, slots, stoppingToken));
        }
        else
        {
            var route = row.Channel + "|" + combineKey;
            if (_gathering.TryGetValue(route, out var open) && open.TryAdd(row, content))
            {
                return;
            }

            // None gathering, or it is full or on its way: a new one (a full one still waits for its own permit).
            var digest = new Digest(channel, row, content, time.GetTimestamp());
            _gathering[route] = digest;
            opened.Add((route, digest));
        }
    }

    private static bool TryRead(OutboxMessage row, out OutboxContent content)
    {
        try
        {
            content = OutboxJsonContext.Deserialize(row.Payload);
            return true;
        }
        catch (JsonException)
        {
            content = null!;
            return false;
        }
    }

    /// <param name="content">The payload when the claim loop has read it already.</param>
    private async Task ProcessAsync(OutboxMessage row, OutboxContent? content, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        OutboxResult? result;
        try
        {
            result = await DeliverAsync(row, content ?? OutboxJsonContext.Deserialize(row.Payload), slots, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            result = OutboxResult.Release(row);
        }
        catch (JsonException)
        {
            result = Unreadable(row);
        }
        catch (Exception ex)
        {
            LogUnexpected(logger, row.Channel, ex);
            result = Retry(row, row.Channel, null, ex.GetType().Name);
        }

        Finish(result is null ? [] : [result]);
    }

    /// <returns>The outcome to record, or null when the row's lease was lost to another instance (it records it).</returns>
    private async Task<OutboxResult?> DeliverAsync(OutboxMessage row, OutboxContent content, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var renewedAt = time.GetTimestamp();
        var channel = row.Channel;
        while (true)
        {
            var sender = _channels[channel];
            if (await PermitAsync(sender.RateLimitKeys(row, content), RenewRowAsync, stoppingToken) is not { } permit)
            {
                return null;
            }

            await slots.WaitAsync(stoppingToken);
            SendOutcome outcome;
            try
            {
                // A claim that waited long for a slot is renewed first, so its lease outlasts the send.
                if (time.GetElapsedTime(renewedAt) > options.Value.Lease / 2)
                {
                    if (!await RenewRowAsync())
                    {
                        return null;
                    }
                }

                // From here on no cancellation: a send that started is finished and recorded.
                outcome = await sender.SendAsync(row, content, CancellationToken.None);
                limits.Sent(permit);
            }
            finally
            {
                slots.Release();
            }

            if (outcome is SendOutcome.Unreachable unreachable && content.ReachUser && Next(channel) is { } next)
            {
                LogFallback(logger, channel, next, unreachable.Reason);
                channel = next;
                continue;
            }

            return ResultOf(row, channel, outcome, log: true);
        }

        async Task<bool> RenewRowAsync()
        {
            renewedAt = time.GetTimestamp();
            return (await RenewAsync([row.Id])).Count == 1;
        }
    }

    private async Task ProcessDigestAsync(string route, Digest digest, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        IEnumerable<OutboxResult> results;
        try
        {
            results = await DeliverDigestAsync(route, digest, slots, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            results = Close(route, digest).Select(e => OutboxResult.Release(e.Row));
        }
        catch (Exception ex)
        {
            LogUnexpected(logger, digest.Sender.Channel, ex);
            results = Close(route, digest).Select((e, i) => Retry(e.Row, e.Row.Channel, null, ex.GetType().Name, log: i == 0));
        }

        Finish(results);
    }

    /// <summary>Hands a send's outcomes to the recorder and frees its place in the dispatcher's hands.</summary>
    private void Finish(IEnumerable<OutboxResult> results)
    {
        foreach (var result in results)
        {
            _results.Writer.TryWrite(result);
        }

        Interlocked.Decrement(ref _inFlight);
        signal.Notify();
    }

    /// <summary>
    /// One message for the rows of a combining channel to one recipient: those that joined while it waited for the
    /// permit and a slot go with it (a lone row as itself), and every row gets the send's outcome.
    /// </summary>
    private async Task<List<OutboxResult>> DeliverDigestAsync(string route, Digest digest, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var sender = digest.Sender;
        var (first, firstContent) = digest.First;
        Func<Task<bool>> renew = () => RenewAsync(digest);
        if (await PermitAsync(sender.RateLimitKeys(first, firstContent), renew, stoppingToken) is not { } permit)
        {
            // Rows that joined after the others were lost are still ours: back to the queue.
            return [.. Close(route, digest).Select(e => OutboxResult.Release(e.Row))];
        }

        var turn = sender.OneAtATime ? _oneAtATime.GetOrAdd(route, _ => new SemaphoreSlim(1, 1)) : null;
        if (turn is not null && !await EnterAsync(turn, renew, stoppingToken))
        {
            return [.. Close(route, digest).Select(e => OutboxResult.Release(e.Row))];
        }

        try
        {
            return await SendDigestAsync(route, digest, permit, slots, stoppingToken);
        }
        finally
        {
            turn?.Release();
        }
    }

    /// <summary>Takes a send slot, closes the digest and sends it: every row gets the send's outcome.</summary>
    private async Task<List<OutboxResult>> SendDigestAsync(string route, Digest digest, SendPermit permit, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var sender = digest.Sender;
        await slots.WaitAsync(stoppingToken);
        SendOutcome outcome;
        List<(OutboxMessage Row, OutboxContent Content)> rows;
        try
        {
            // From here on nothing joins; a lease older than half of it is renewed first (lost rows are dropped).
            if (time.GetElapsedTime(digest.RenewedAt) > options.Value.Lease / 2)
            {
                await RenewAsync(digest);
            }

            rows = Close(route, digest);
            if (rows.Count == 0)
            {
                return [];
            }

            var content = rows.Count == 1 ? rows[0].Content : sender.Combine([.. rows.Select(e => e.Content)]);
            outcome = await sender.SendAsync(rows[0].Row, content, CancellationToken.None);
            limits.Sent(permit);
        }
        finally
        {
            slots.Release();
        }

        return [.. rows.Select((e, i) => ResultOf(e.Row, e.Row.Channel, outcome, log: i == 0))];
    }

    /// <summary>Ends a digest's gathering: a row claimed for its route from now on starts the next one.</summary>
    private List<(OutboxMessage Row, OutboxContent Content)> Close(string route, Digest digest)
    {
        _gathering.TryRemove(KeyValuePair.Create(route, digest));
        return digest.Close();
    }

    /// <summary>
    /// Waits for the rate-limit permits. Every third of the lease meanwhile, <paramref name="renew"/> extends the leases
    /// of the rows waiting, so no claim (another instance's, or this one's) takes them while they wait.
    /// </summary>
    /// <returns>The permit (give it to <see cref="OutboxRateLimits.Sent"/> when the send is answered); null when none
    /// of the rows is this instance's any more: the permit is then given up.</returns>
    private async Task<SendPermit?> PermitAsync(IReadOnlyList<RateLimitKey> keys, Func<Task<bool>> renew, CancellationToken stoppingToken)
    {
        if (limits.TryAcquire(keys))
        {
            return default(SendPermit);
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var permit = limits.AcquireAsync(keys, waiting.Token).AsTask();
        try
        {
            return await WhileRenewingAsync(permit, renew, stoppingToken) ? await permit : null;
        }
        finally
        {
            // Ends the permit's wait when the rows were lost.
            await waiting.CancelAsync();
        }
    }

    /// <summary>Waits for a route's turn (<see cref="IOutboxChannel.OneAtATime"/>), renewing the leases meanwhile.</summary>
    /// <returns>False when none of the rows is this instance's any more: the turn is not taken.</returns>
    private async Task<bool> EnterAsync(SemaphoreSlim turn, Func<Task<bool>> renew, CancellationToken stoppingToken)
    {
        if (turn.Wait(0))
        {
            return true;
        }

        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var entering = turn.WaitAsync(giveUp.Token);
        if (await WhileRenewingAsync(entering, renew, stoppingToken))
        {
            await entering;
            return true;
        }

        await giveUp.CancelAsync();
        try
        {
            // Entered just as the rows were found lost: hand the turn on.
            await entering;
            turn.Release();
        }
        catch (OperationCanceledException)
        {
        }

        return false;
    }

    /// <summary>
    /// Waits for <paramref name="task"/>; every third of the lease meanwhile, <paramref name="renew"/> extends the leases
    /// of the rows waiting, so no claim (another instance's, or this one's) takes them while they wait.
    /// </summary>
    /// <returns>True when the task completed; false when none of the rows is this instance's any more.</returns>
    private async Task<bool> WhileRenewingAsync(Task task, Func<Task<bool>> renew, CancellationToken stoppingToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            while (await Task.WhenAny(task, Task.Delay(options.Value.Lease / 3, time, timer.Token)) != task)
            {
                stoppingToken.ThrowIfCancellationRequested();
                if (!await renew())
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            await timer.CancelAsync();
        }
    }

    /// <summary>Extends the lease of rows this instance holds; returns those still its own (lost ones are logged).</summary>
    private async Task<IReadOnlySet<Guid>> RenewAsync(IReadOnlyCollection<Guid> ids)
    {
        IReadOnlySet<Guid> kept;
        try
        {
            kept = await store.RenewAsync(ids, Owner, options.Value.Lease);
        }
        catch (Exception ex)
        {
            // The database is away: no other instance can claim the rows either; they stay in hand.
            LogRenewFailed(logger, ids.Count, ex);
            return ids.ToHashSet();
        }

        if (kept.Count < ids.Count)
        {
            LogLeaseLost(logger, ids.Count - kept.Count);
        }

        return kept;
    }

    private async Task<bool> RenewAsync(Digest digest)
    {
        var renewedAt = time.GetTimestamp();
        var ids = digest.Ids();
        return digest.Keep(ids, await RenewAsync(ids), renewedAt);
    }

    private static OutboxResult Unreadable(OutboxMessage row) => new(row.Id, row.Channel, OutboxStatus.Dead) { Reason = "unreadable payload" };

    /// <summary>What to record for a row after a send on <paramref name="channel"/> (no fallback here).</summary>
    /// <param name="log">False for the other rows of a digest: its failure is logged once.</param>
    private OutboxResult ResultOf(OutboxMessage row, OutboxChannel channel, SendOutcome outcome, bool log)
    {
        switch (outcome)
        {
            case SendOutcome.Delivered:
                return new OutboxResult(row.Id, channel, OutboxStatus.Sent);
            case SendOutcome.Unreachable unreachable:
                return new OutboxResult(row.Id, channel, OutboxStatus.Skipped) { ErrorCode = unreachable.ErrorCode, Reason = unreachable.Reason };
            case SendOutcome.Skip skip:
                return new OutboxResult(row.Id, channel, OutboxStatus.Skipped) { Reason = skip.Reason };
            case SendOutcome.Permanent permanent:
                if (log)
                {
                    LogDead(logger, channel, permanent.ErrorCode, permanent.Reason);
                }

                return new OutboxResult(row.Id, channel, OutboxStatus.Dead) { ErrorCode = permanent.ErrorCode, Reason = permanent.Reason };
            case SendOutcome.Transient transient:
                return Retry(row, channel, transient.ErrorCode, transient.Reason, log);
            default:
                throw new InvalidOperationException($"Unknown send outcome {outcome.GetType().Name}.");
        }
    }

    private OutboxResult Retry(OutboxMessage row, OutboxChannel channel, int? errorCode, string reason, bool log = true)
    {
        var settings = options.Value;
        var failures = row.Attempts + 1;
        if (failures >= settings.MaxAttempts)
        {
            if (log)
            {
                LogDead(logger, channel, errorCode, $"gave up after {failures} attempts ({reason})");
            }

            return new OutboxResult(row.Id, channel, OutboxStatus.Dead) { ErrorCode = errorCode, Reason = $"gave up after {failures} attempts: {reason}" };
        }

        // Exponential backoff with jitter in [½, 1]: rows that failed together do not come back together.
        var exponential = Math.Min(settings.MaxRetryDelay.TotalMilliseconds, settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, failures - 1));
        var delay = TimeSpan.FromMilliseconds(exponential * (0.5 + (Random.Shared.NextDouble() * 0.5)));
        if (log)
        {
            LogRetry(logger, channel, errorCode, reason, delay.TotalMilliseconds, failures);
        }

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

    /// <summary>
    /// Rows of a combining channel for one recipient, gathering while the first waits for its permit: the claim loop
    /// adds (up to the channel's <see cref="IOutboxChannel.CombineAtMost"/>), the send closes it before it goes.
    /// </summary>
    private sealed class Digest(IOutboxChannel sender, OutboxMessage row, OutboxContent content, long claimedAt)
    {
        private readonly Lock _gate = new();
        private readonly List<(OutboxMessage Row, OutboxContent Content)> _rows = [(row, content)];
        private bool _closed;

        public IOutboxChannel Sender => sender;

        public (OutboxMessage Row, OutboxContent Content) First => (row, content);

        /// <summary>When every row's lease was last known to have at least the full lease left.</summary>
        public long RenewedAt { get; private set; } = claimedAt;

        /// <returns>False when it is closed or full: the row starts the next digest.</returns>
        public bool TryAdd(OutboxMessage added, OutboxContent addedContent)
        {
            lock (_gate)
            {
                if (_closed || _rows.Count >= sender.CombineAtMost)
                {
                    return false;
                }

                _rows.Add((added, addedContent));
                return true;
            }
        }

        public List<Guid> Ids()
        {
            lock (_gate)
            {
                return [.. _rows.Select(e => e.Row.Id)];
            }
        }

        /// <summary>
        /// Drops the rows of <paramref name="renewed"/> whose lease was lost (rows that joined during the renewal keep
        /// their fresh claim); false when none is left.
        /// </summary>
        public bool Keep(List<Guid> renewed, IReadOnlySet<Guid> kept, long renewedAt)
        {
            lock (_gate)
            {
                if (kept.Count < renewed.Count)
                {
                    var lost = renewed.Where(id => !kept.Contains(id)).ToHashSet();
                    _rows.RemoveAll(e => lost.Contains(e.Row.Id));
                }

                RenewedAt = renewedAt;
                return _rows.Count > 0;
            }
        }

        public List<(OutboxMessage Row, OutboxContent Content)> Close()
        {
            lock (_gate)
            {
                _closed = true;
                return [.. _rows];
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox claim failed; trying again at the next poll")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox delivery on {Channel} failed unexpectedly; retried later")]
    private static partial void LogUnexpected(ILogger logger, OutboxChannel channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the outbox lease on {Count} waiting rows failed; trying again later")]
    private static partial void LogRenewFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox lease on {Count} waiting rows was lost; another instance has them")]
    private static partial void LogLeaseLost(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox notice moves from {From} to {To}: {Reason}")]
    private static partial void LogFallback(ILogger logger, OutboxChannel from, OutboxChannel to, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Channel} send failed (errcode {ErrorCode}, {Reason}); retry {Attempt} in {DelayMs:0} ms")]
    private static partial void LogRetry(ILogger logger, OutboxChannel channel, int? errorCode, string reason, double delayMs, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Channel} message is dead: errcode {ErrorCode}, {Reason}")]
    private static partial void LogDead(ILogger logger, OutboxChannel channel, int? errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording {Count} outbox results failed (attempt {Attempt})")]
    private static partial void LogRecordFailed(ILogger logger, int count, int attempt, Exception exception);
}
