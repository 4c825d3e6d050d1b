using WechatLogistics.Bot.WeChat.Deferred;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.WeChat;

/// <summary>
/// Exactly-once processing of a verified push within the platform's deadline, for any receiver (Official Account,
/// WeCom): take a turn (<see cref="WebhookAdmission"/>), claim the delivery, run the work, and answer before the budget
/// runs out — with the reply, or with "no passive reply" while the work finishes and its answer is sent later by
/// another channel. A retry of a claimed delivery gets the first delivery's answer and never runs the work again.
/// </summary>
public sealed partial class DeliveryGate(
    IDeliveryLedger ledger, DeferredDeliveryJournal journal, WebhookAdmission admission, TimeProvider time, ILogger<DeliveryGate> logger)
{
    // The platform is waiting: the journal write may delay its "success" this long at most. A slower write goes on in
    // the background and the entry is settled only after it lands, so a late row is never left behind to be replayed.
    private static readonly TimeSpan JournalWait = TimeSpan.FromMilliseconds(500);

    /// <param name="delivery">The dedupe key, how long it is remembered, the session to read ahead, and the time budget.</param>
    /// <param name="work">Started once, by the delivery that claims the key.</param>
    /// <param name="render">The passive reply for the work's result (null: none).</param>
    /// <param name="sendLate">Sends the result by another channel when the work missed the budget.</param>
    /// <param name="refuse">
    /// The passive reply with this text when the message is not processed, and changes nothing, so that sending it again
    /// works: <see cref="ChatTexts.Crowded"/> when the instance has no turn free, <see cref="ChatTexts.Busy"/> when the
    /// ledger cannot be reached (Redis down; without the claim a retry could process it twice). Null: the message has no
    /// answer to give (an automatic event); it is then processed without waiting for a turn, and without the ledger
    /// answered "success".
    /// </param>
    /// <returns>The plaintext passive reply, or null when there is none (the receiver answers its "nothing" form).</returns>
    /// <exception cref="CallbackRejectedException">
    /// <see cref="CallbackRejection.StillProcessing"/>: a retry found the first delivery still pending past its budget.
    /// </exception>
    public async Task<string?> PassAsync<T>(
        Delivery delivery, Func<DeliveryClaim, Task<T>> work, Func<T, string?> render, Func<T, Task> sendLate, Func<string, string?> refuse, CancellationToken ct)
    {
        // Before the claim: a message turned away here leaves no trace, and its resend (or WeChat's retry) runs normally.
        var waitStarted = time.GetTimestamp();
        var turn = await admission.TryEnterAsync(Positive(delivery.Budget), ct);
        if (turn is null && refuse(ChatTexts.Crowded) is { } crowded)
        {
            return await EarlierAnswerAsync(delivery with { Budget = delivery.Budget - time.GetElapsedTime(waitStarted) }, crowded, ct);
        }

        if (ct.IsCancellationRequested)
        {
            // The platform gave up on this attempt while it waited (its connection closed): it sends the same MsgId
            // again, so not starting it loses nothing, and a late start could run it beside the student's resend.
            turn?.Dispose();
            ct.ThrowIfCancellationRequested();
        }

        // The wait for a turn came out of the reply deadline.
        delivery = delivery with { Budget = delivery.Budget - time.GetElapsedTime(waitStarted) };

        var handedOver = false;
        try
        {
            DeliveryClaim claim;
            DeliveryOutcome? earlier = null;
            try
            {
                // A ledger that hangs cannot keep WeChat past its deadline: the Redis client's own timeout bounds each call
                // (StateStoreRegistration), after at most RedisBatcher's hold behind a batch in flight, so the hot path
                // needs no timer of its own.
                claim = await ledger.TryClaimAsync(delivery.Key, PendingLease(delivery), delivery.Session, ct);
                if (!claim.Claimed)
                {
                    // A retry only waits for the first delivery's outcome: it gives its turn back first.
                    turn?.Dispose();
                    turn = null;
                    earlier = await ledger.WaitForOutcomeAsync(delivery.Key, Positive(delivery.Budget), ct);
                    if (earlier is { IsAbandoned: true })
                    {
                        // The first delivery's owner died before answering (its lease lapsed): this retry takes it over.
                        LogTakenOver(logger);
                        claim = await ledger.TryClaimAsync(delivery.Key, PendingLease(delivery), delivery.Session, ct);
                        earlier = null;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogLedgerUnavailable(logger, ex.GetType().Name);
                return refuse(ChatTexts.Busy);
            }

            if (!claim.Claimed)
            {
                if (earlier is null)
                {
                    throw new CallbackRejectedException(CallbackRejection.StillProcessing);
                }

                LogDuplicate(logger, earlier.ReplyXml is null ? "success" : "reply");
                return earlier.ReplyXml;
            }

            var running = HoldTurnAsync(work, claim, turn);
            handedOver = true;
            if (await FinishesWithinAsync(running, Positive(delivery.Budget)))
            {
                var reply = render(await running);
                await CompleteAsync(delivery, reply is null ? DeliveryOutcome.Success : new DeliveryOutcome(reply));
                return reply;
            }

            // Too slow for the passive reply: answer now (the platform then stops retrying) and send the answer later. The
            // message is journaled first, so that an instance dying before the answer is queued does not lose what the
            // platform was told we received: another instance replays it when the entry's lease lapses.
            var journaling = delivery.Replay is { } replay ? journal.RecordAsync(delivery.Key, replay) : null;
            if (journaling is not null && !await FinishesWithinAsync(journaling, JournalWait))
            {
                LogJournalSlow(logger, (int)JournalWait.TotalMilliseconds);
            }

            await CompleteAsync(delivery, DeliveryOutcome.Success);
            LogDeferredAnswer(logger, (int)delivery.Budget.TotalMilliseconds);
            _ = SendWhenDoneAsync(running, sendLate, delivery.Key, journaling);
            return null;
        }
        finally
        {
            // Still ours unless the work took it over (it gives it back when it ends, answered in time or deferred).
            if (!handedOver)
            {
                turn?.Dispose();
            }
        }
    }

    /// <summary>
    /// No turn free: a retry of a message already claimed still gets the first delivery's answer (reading the ledger
    /// needs no turn), as the student would otherwise never see it; a message nobody claimed gets the busy reply.
    /// </summary>
    private async Task<string?> EarlierAnswerAsync(Delivery delivery, string crowded, CancellationToken ct)
    {
        DeliveryOutcome? earlier;
        try
        {
            earlier = await ledger.WaitForOutcomeAsync(delivery.Key, Positive(delivery.Budget), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogLedgerUnavailable(logger, ex.GetType().Name);
            return crowded;
        }

        if (earlier is null)
        {
            throw new CallbackRejectedException(CallbackRejection.StillProcessing);
        }

        if (earlier.IsAbandoned)
        {
            return crowded;
        }

        LogDuplicate(logger, earlier.ReplyXml is null ? "success" : "reply");
        return earlier.ReplyXml;
    }

    private static async Task<T> HoldTurnAsync<T>(Func<DeliveryClaim, Task<T>> work, DeliveryClaim claim, IDisposable? turn)
    {
        using (turn)
        {
            return await work(claim);
        }
    }

    // The pending claim lives for the reply budget and a margin, not the dedupe time: a live owner always records an
    // outcome within its budget (the reply, or "success" before answering later), so only a dead owner's claim lapses.
    private static TimeSpan PendingLease(Delivery delivery) =>
        TimeSpan.FromMilliseconds(Math.Min(Positive(delivery.Budget).TotalMilliseconds + 2_000, delivery.Ttl.TotalMilliseconds));

    private async Task CompleteAsync(Delivery delivery, DeliveryOutcome outcome)
    {
        try
        {
            await ledger.CompleteAsync(delivery.Key, outcome, delivery.Ttl, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The work is done and answered; a retry will find the key still pending and answer "success".
            LogLedgerUnavailable(logger, ex.GetType().Name);
        }
    }

    private async Task SendWhenDoneAsync<T>(Task<T> running, Func<T, Task> sendLate, string key, Task<bool>? journaling)
    {
        try
        {
            await sendLate(await running);
            // Settled only once the entry is written (a slow write lands late), so no entry outlives its answer.
            if (journaling is not null && await journaling)
            {
                await journal.SettleAsync(key, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            LogDeferredFailed(logger, ex);
        }
    }

    private async Task<bool> FinishesWithinAsync<T>(Task<T> running, TimeSpan budget)
    {
        if (running.IsCompleted)
        {
            return true;
        }

        try
        {
            // WaitAsync cancels its timer as soon as the work completes (Task.Delay would leave one per message).
            await running.WaitAsync(budget, time);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception)
        {
            // The work failed; awaiting it again surfaces the error to the caller.
            return true;
        }
    }

    private static TimeSpan Positive(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;

    [LoggerMessage(Level = LogLevel.Error, Message = "The delivery ledger is unavailable ({Error}): answered without processing")]
    private static partial void LogLedgerUnavailable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A retry took over a delivery whose first owner stopped before answering")]
    private static partial void LogTakenOver(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate delivery answered from the first delivery's outcome ({Outcome})")]
    private static partial void LogDuplicate(ILogger logger, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer not ready within {BudgetMs} ms: answered without a passive reply, the answer follows by another channel")]
    private static partial void LogDeferredAnswer(ILogger logger, int budgetMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The journal write of a deferred answer took more than {WaitMs} ms: answered without waiting, the write goes on")]
    private static partial void LogJournalSlow(ILogger logger, int waitMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "A deferred answer could not be produced or sent")]
    private static partial void LogDeferredFailed(ILogger logger, Exception exception);
}

/// <param name="Key">The dedupe key: account plus MsgId (events: FromUserName + CreateTime).</param>
/// <param name="Budget">What is left of the reply deadline when the push was verified.</param>
public sealed record Delivery(string Key, TimeSpan Ttl, SessionAddress? Session, TimeSpan Budget)
{
    /// <summary>How to replay the message if its answer misses the budget and this instance then dies; null: not replayed.</summary>
    public DeferredReplay? Replay { get; init; }
}
