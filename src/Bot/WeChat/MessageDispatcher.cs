using Mediator;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.WeChat.Audience;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Notifications;
using WechatLogistics.Wechat.Messages;

namespace WechatLogistics.Bot.WeChat;

/// <summary>
/// Exactly-once processing of a verified push within WeChat's deadline: claim the delivery, run the conversation
/// engine in its own scope, and answer before the budget runs out — with the reply, or with <c>success</c> while the
/// answer is finished and sent later.
/// </summary>
public sealed partial class MessageDispatcher(
    IDeliveryLedger ledger,
    IServiceScopeFactory scopes,
    IDeferredReplySender deferred,
    FollowerTracker followers,
    IOptions<WeChatOptions> options,
    TimeProvider time,
    ILogger<MessageDispatcher> logger)
{
    /// <param name="startedAt">When the request arrived (<see cref="TimeProvider.GetTimestamp"/>): the budget counts from there.</param>
    /// <returns>The plaintext passive reply XML, or null to answer <c>success</c>.</returns>
    public async Task<string?> DispatchAsync(InboundMessage message, string account, long startedAt, CancellationToken ct)
    {
        var settings = options.Value;
        var ttl = TimeSpan.FromSeconds(settings.DedupeSeconds);
        var budget = TimeSpan.FromMilliseconds(settings.ReplyDeadlineMilliseconds) - time.GetElapsedTime(startedAt);
        var key = account + ":" + message.DedupeKey;

        var input = ChatInputMapper.Map(message, account, time.GetUtcNow());
        var sessionAddress = HandleChatMessageCommandHandler.NeedsSession(input.Kind)
            ? new SessionAddress(account, input.UserId) { OpensContactWindow = message is not EventMessage }
            : null;

        // WeChat retries 3x when unanswered for 5 s: dedupe by MsgId, events by FromUserName+CreateTime.
        var claim = await ledger.TryClaimAsync(key, ttl, sessionAddress, ct);
        if (!claim.Claimed)
        {
            var earlier = await ledger.WaitForOutcomeAsync(key, Positive(budget), ct);
            LogDuplicate(logger, earlier is null ? "still running" : earlier.ReplyXml is null ? "success" : "reply");
            return earlier?.ReplyXml;
        }

        followers.Observe(message);
        if (ConsentOf(message) is { } consent)
        {
            // A popup answer has nothing to reply; it only changes what we may send later.
            await RecordConsentAsync(consent);
            await ledger.CompleteAsync(key, DeliveryOutcome.Success, ttl, CancellationToken.None);
            return null;
        }

        var work = RunInOwnScopeAsync(new HandleChatMessageCommand(input) { Preloaded = claim.Session });
        if (await FinishesWithinAsync(work, Positive(budget)))
        {
            var reply = ReplyRenderer.Render(await work, message, time.GetUtcNow().ToUnixTimeSeconds());
            await ledger.CompleteAsync(key, new DeliveryOutcome(reply), ttl, CancellationToken.None);
            return reply;
        }

        // Too slow for the passive reply: answer "success" now (WeChat then stops retrying) and send the answer later.
        await ledger.CompleteAsync(key, DeliveryOutcome.Success, ttl, CancellationToken.None);
        LogDeferredAnswer(logger, settings.ReplyDeadlineMilliseconds);
        _ = SendWhenDoneAsync(work, input);
        return null;
    }

    private static RecordSubscribeConsentCommand? ConsentOf(InboundMessage message) => message switch
    {
        SubscribeMessagePopupEvent popup => new(popup.FromUserName, [.. popup.Choices.Select(c => new SubscribeConsentChoice(c.TemplateId, c.Accepted))]),
        SubscribeMessageChangeEvent change => new(change.FromUserName, [.. change.Choices.Select(c => new SubscribeConsentChoice(c.TemplateId, c.Accepted))]),
        _ => null,
    };

    private async Task RecordConsentAsync(RecordSubscribeConsentCommand command)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogConsentFailed(logger, ex);
        }
    }

    private async Task<ChatReply> RunInOwnScopeAsync(HandleChatMessageCommand command)
    {
        // Its own scope: the work may outlive the HTTP request when it misses the deadline.
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        return await sender.Send(command, CancellationToken.None);
    }

    private async Task SendWhenDoneAsync(Task<ChatReply> work, ChatInput input)
    {
        try
        {
            var reply = await work;
            await deferred.SendAsync(input.Account, input.UserId, reply, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogDeferredFailed(logger, ex);
        }
    }

    private async Task<bool> FinishesWithinAsync(Task<ChatReply> work, TimeSpan budget)
    {
        if (work.IsCompleted)
        {
            return true;
        }

        try
        {
            // WaitAsync cancels its timer as soon as the work completes (Task.Delay would leave one per message).
            await work.WaitAsync(budget, time);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer not ready within {DeadlineMs} ms: replied success, the answer follows by another channel")]
    private static partial void LogDeferredAnswer(ILogger logger, int deadlineMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscribe-notification consent could not be recorded")]
    private static partial void LogConsentFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A deferred answer could not be produced or sent")]
    private static partial void LogDeferredFailed(ILogger logger, Exception exception);
}
