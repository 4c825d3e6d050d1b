using System.Diagnostics;
using StackExchange.Redis;

namespace WechatLogistics.Bot.Infrastructure.Redis;

/// <summary>
/// Group commit for the webhook's Redis commands: while one batch is on its way to Redis, the commands of other pushes
/// wait in the next batch, which leaves as soon as the first one is answered. An idle instance sends at once (no delay);
/// a busy one sends a few pushes' commands in one write and gets their answers in one read. Every Redis wake-up and
/// every socket call cost more than the commands themselves (bench/README.md, sixth session), so under load this is
/// where the time goes.
/// </summary>
/// <remarks>
/// Redis answers a connection's commands in the order they were sent, so a batch is answered when its last awaited
/// command is. Commands sent with <see cref="CommandFlags.FireAndForget"/> ride along with the next batch and are
/// never waited for. A failed or timed-out batch (the client's own timeout bounds each command) releases the next one
/// just the same: each caller sees its own command's error. When the batch in flight is older than <see cref="MaxHold"/>,
/// the next command added sends the waiting batch at once, so under traffic a Redis that stops answering holds a command
/// back by about that much before the command's own timeout starts.
/// </remarks>
public sealed class RedisBatcher(IConnectionMultiplexer redis)
{
    // A batch waits behind the one in flight at most this long. A Redis that hangs fails each command after the client's
    // own timeout; without this bound a waiting command would add that timeout to its own, past WeChat's deadline.
    private static readonly TimeSpan MaxHold = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private IBatch? _open;
    private Task? _openAnswered;

    // The last awaited command of the batch in flight (null: none is); the next batch waits for it, at most MaxHold.
    private Task? _awaited;
    private long _sentAt;
    private long _batchesSent;

    /// <summary>How many batches have left so far (each is one write to Redis).</summary>
    public long BatchesSent => Interlocked.Read(ref _batchesSent);

    /// <summary>
    /// Adds commands to the next batch (<paramref name="write"/> runs at once, under the batcher's lock: it must only
    /// call the batch's methods) and sends it, now or when the batch in flight is answered.
    /// </summary>
    /// <returns>What <paramref name="write"/> returned: the tasks of its commands, which complete when Redis answers.</returns>
    public T Add<TState, T>(TState state, Func<IBatch, TState, Batched<T>> write)
    {
        IBatch send;
        Task? answered;
        T value;
        lock (_gate)
        {
            var batch = _open ??= redis.GetDatabase().CreateBatch();
            var added = write(batch, state);
            value = added.Value;
            _openAnswered = added.Answered ?? _openAnswered;
            if (_awaited is not null && Stopwatch.GetElapsedTime(_sentAt) < MaxHold)
            {
                return value;
            }

            (send, answered) = TakeOpen();
        }

        Send(send, answered);
        return value;
    }

    // Under the lock: the open batch leaves. A batch of fire-and-forget commands only is never waited for.
    private (IBatch Batch, Task? Answered) TakeOpen()
    {
        var taken = (_open!, _openAnswered);
        _open = null;
        _openAnswered = null;
        if (taken.Item2 is not null)
        {
            _awaited = taken.Item2;
            _sentAt = Stopwatch.GetTimestamp();
        }

        return taken;
    }

    private void Send(IBatch batch, Task? answered)
    {
        while (true)
        {
            var sent = Execute(batch);
            if (answered is null)
            {
                return;
            }

            if (sent && !answered.IsCompleted)
            {
                answered.ContinueWith(
                    static (done, self) => ((RedisBatcher)self!).Answered(done),
                    this,
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                return;
            }

            // Answered already (a connection that fails fast), or not sent: the next batch leaves from here.
            if (!TryTakeNext(answered, out batch, out answered))
            {
                return;
            }
        }
    }

    private void Answered(Task done)
    {
        if (TryTakeNext(done, out var batch, out var answered))
        {
            Send(batch, answered);
        }
    }

    /// <summary>
    /// The batch awaiting <paramref name="done"/> is answered: the waiting batch leaves, unless none waits or a newer
    /// batch is in flight already (one that left after <see cref="MaxHold"/>, which the next batch waits for instead).
    /// </summary>
    private bool TryTakeNext(Task done, out IBatch batch, out Task? answered)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_awaited, done))
            {
                _awaited = null;
                if (_open is not null)
                {
                    (batch, answered) = TakeOpen();
                    return true;
                }
            }
        }

        (batch, answered) = (null!, null);
        return false;
    }

    private bool Execute(IBatch batch)
    {
        try
        {
            Interlocked.Increment(ref _batchesSent);
            batch.Execute();
            return true;
        }
        catch (Exception)
        {
            // No connection: the client has failed the batch's commands, and each caller sees the error on its own task.
            // The batcher must not stall behind a batch that never left.
            return false;
        }
    }
}

/// <param name="Value">What the caller gets back: its commands' tasks.</param>
/// <param name="Answered">The task of the last command that Redis answers (null: fire-and-forget commands only).</param>
public readonly record struct Batched<T>(T Value, Task? Answered);
