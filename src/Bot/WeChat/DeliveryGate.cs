namespace WechatLogistics.Bot.WeChat;

/// <summary>
/// Exactly-once processing of a verified push within the platform's deadline, for any receiver (Official Account,
/// WeCom): claim the delivery, run the work, and answer before the budget runs out — with the reply, or with "no
/// passive reply" while the work finishes and its answer is sent later by another channel. A retry of a claimed
/// delivery gets the first delivery's answer and never runs the work again.
/// </summary>
public sealed partial class DeliveryGate(IDeliveryLedger ledger, TimeProvider time, ILogger<DeliveryGate> logger)
{
    /// <param name="delivery">The dedupe key, how long it is remembered, the session to read ahead, and the time budget.</param>
    /// <param name="work">Started once, by the delivery that claims the key.</param>
    /// <param name="render">The passive reply for the work's result (null: none).</param>
    /// <param name="sendLate">Sends the result by another channel when the work missed the budget.</param>
    /// <param name="unavailable">
    /// The passive reply when the ledger cannot be reached (Redis down): nothing is processed — without the claim a
    /// retry could process it twice — and the user is asked to try again shortly.
    /// </param>
    /// <returns>The plaintext passive reply, or null when there is none (the receiver answers its "nothing" form).</returns>
    /// <exception cref="CallbackRejectedException">
    /// <see cref="CallbackRejection.StillProcessing"/>: a retry found the first delivery still pending past its budget.
    /// </exception>
    public async Task<string?> PassAsync<T>(
        Delivery delivery, Func<DeliveryClaim, Task<T>> work, Func<T, string?> render, Func<T, Task> sendLate, Func<string?> unavailable, CancellationToken ct)
    {
        DeliveryClaim claim;
        DeliveryOutcome? earlier = null;
        try
        {
            // Bounded by the budget: a ledger that hangs must not keep WeChat past its deadline.
            claim = await ClaimAsync(delivery, ct);
            if (!claim.Claimed)
            {
                earlier = await ledger.WaitForOutcomeAsync(delivery.Key, Positive(delivery.Budget), ct).AsTask().WaitAsync(Positive(delivery.Budget) + LedgerBudget(delivery), time, ct);
                if (ReferenceEquals(earlier, DeliveryOutcome.Abandoned))
                {
                    // The first delivery's owner died before answering (its lease lapsed): this retry takes it over.
                    LogTakenOver(logger);
                    claim = await ClaimAsync(delivery, ct);
                    earlier = null;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogLedgerUnavailable(logger, ex.GetType().Name);
            return unavailable();
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

        var running = work(claim);
        if (await FinishesWithinAsync(running, Positive(delivery.Budget)))
        {
            var reply = render(await running);
            await CompleteAsync(delivery, reply is null ? DeliveryOutcome.Success : new DeliveryOutcome(reply));
            return reply;
        }

        // Too slow for the passive reply: answer now (the platform then stops retrying) and send the answer later.
        await CompleteAsync(delivery, DeliveryOutcome.Success);
        LogDeferredAnswer(logger, (int)delivery.Budget.TotalMilliseconds);
        _ = SendWhenDoneAsync(running, sendLate);
        return null;
    }

    // The pending claim lives for the reply budget and a margin, not the dedupe time: a live owner always records an
    // outcome within its budget (the reply, or "success" before answering later), so only a dead owner's claim lapses.
    private Task<DeliveryClaim> ClaimAsync(Delivery delivery, CancellationToken ct) =>
        ledger.TryClaimAsync(delivery.Key, PendingLease(delivery), delivery.Session, ct).AsTask().WaitAsync(LedgerBudget(delivery), time, ct);

    internal static TimeSpan PendingLease(Delivery delivery) =>
        TimeSpan.FromMilliseconds(Math.Min(Math.Max(delivery.Budget.TotalMilliseconds, 0) + 2_000, delivery.Ttl.TotalMilliseconds));

    // The claim is one round trip; a second of it is already an outage.
    private static TimeSpan LedgerBudget(Delivery delivery) =>
        TimeSpan.FromMilliseconds(Math.Clamp(delivery.Budget.TotalMilliseconds / 2, 1, 2_000));

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

    private async Task SendWhenDoneAsync<T>(Task<T> running, Func<T, Task> sendLate)
    {
        try
        {
            await sendLate(await running);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A deferred answer could not be produced or sent")]
    private static partial void LogDeferredFailed(ILogger logger, Exception exception);
}

/// <param name="Key">The dedupe key: account plus MsgId (events: FromUserName + CreateTime).</param>
/// <param name="Budget">What is left of the reply deadline when the push was verified.</param>
public sealed record Delivery(string Key, TimeSpan Ttl, SessionAddress? Session, TimeSpan Budget);
