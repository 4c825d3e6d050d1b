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
    /// <returns>The plaintext passive reply, or null when there is none (the receiver answers its "nothing" form).</returns>
    public async Task<string?> PassAsync<T>(
        Delivery delivery, Func<DeliveryClaim, Task<T>> work, Func<T, string?> render, Func<T, Task> sendLate, CancellationToken ct)
    {
        var claim = await ledger.TryClaimAsync(delivery.Key, delivery.Ttl, delivery.Session, ct);
        if (!claim.Claimed)
        {
            var earlier = await ledger.WaitForOutcomeAsync(delivery.Key, Positive(delivery.Budget), ct);
            LogDuplicate(logger, earlier is null ? "still running" : earlier.ReplyXml is null ? "success" : "reply");
            return earlier?.ReplyXml;
        }

        var running = work(claim);
        if (await FinishesWithinAsync(running, Positive(delivery.Budget)))
        {
            var reply = render(await running);
            await ledger.CompleteAsync(delivery.Key, reply is null ? DeliveryOutcome.Success : new DeliveryOutcome(reply), delivery.Ttl, CancellationToken.None);
            return reply;
        }

        // Too slow for the passive reply: answer now (the platform then stops retrying) and send the answer later.
        await ledger.CompleteAsync(delivery.Key, DeliveryOutcome.Success, delivery.Ttl, CancellationToken.None);
        LogDeferredAnswer(logger, (int)delivery.Budget.TotalMilliseconds);
        _ = SendWhenDoneAsync(running, sendLate);
        return null;
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
