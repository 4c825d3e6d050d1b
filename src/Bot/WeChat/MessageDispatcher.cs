using Mediator;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.WeChat.Audience;
using WechatLogistics.Bot.WeChat.Deferred;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Notifications;
using WechatLogistics.Wechat.Messages;

namespace WechatLogistics.Bot.WeChat;

/// <summary>
/// The Official Account's side of a verified push: the conversation engine in its own scope, behind the
/// <see cref="DeliveryGate"/> (exactly once, within WeChat's deadline; a late answer goes out as a customer-service
/// message). Subscribe-notification popups only record consent.
/// </summary>
public sealed partial class MessageDispatcher(
    DeliveryGate gate,
    IServiceScopeFactory scopes,
    IDeferredReplySender deferred,
    FollowerTracker followers,
    IOptions<WeChatOptions> options,
    TimeProvider time,
    ILogger<MessageDispatcher> logger) : IDeferredReplay
{
    /// <summary>The name its journaled deliveries carry (<see cref="DeferredDelivery.Receiver"/>).</summary>
    public const string ReplayName = "official-account";

    /// <param name="startedAt">When the request arrived (<see cref="TimeProvider.GetTimestamp"/>): the budget counts from there.</param>
    /// <returns>The plaintext passive reply XML, or null to answer <c>success</c>.</returns>
    public Task<string?> DispatchAsync(InboundMessage message, string account, long startedAt, CancellationToken ct)
    {
        var settings = options.Value;
        var input = ChatInputMapper.Map(message, account, time.GetUtcNow());
        var sessionAddress = HandleChatMessageCommandHandler.NeedsSession(input.Kind)
            ? new SessionAddress(account, input.UserId) { OpensContactWindow = message is not EventMessage }
            : null;

        // WeChat retries 3x when unanswered for 5 s: dedupe by MsgId, events by FromUserName+CreateTime.
        var delivery = new Delivery(
            account + ":" + message.DedupeKey,
            TimeSpan.FromSeconds(settings.DedupeSeconds),
            sessionAddress,
            TimeSpan.FromMilliseconds(settings.ReplyDeadlineMilliseconds) - time.GetElapsedTime(startedAt))
        {
            // Conversation input only: a consent popup or an automatic push has no answer to owe.
            Replay = sessionAddress is null || IsConsent(message) ? null : new DeferredReplay(ReplayName, input),
        };
        return gate.PassAsync(
            delivery,
            claim => ProcessAsync(message, input, claim),
            reply => reply is null ? null : ReplyRenderer.Render(reply, message, time.GetUtcNow().ToUnixTimeSeconds()),
            reply => reply is null ? Task.CompletedTask : deferred.SendAsync(input.Account, input.UserId, reply, CancellationToken.None).AsTask(),
            // Events pushed automatically (LOCATION) need no answer even then.
            text => sessionAddress is null ? null : ReplyRenderer.Render(ChatReply.Text(text), message, time.GetUtcNow().ToUnixTimeSeconds()),
            ct);
    }

    /// <summary>A message whose first instance died after answering <c>success</c>: its answer goes out as a customer-service message.</summary>
    public async Task ReplayAsync(ChatInput input, CancellationToken ct)
    {
        ChatReply reply;
        await using (var scope = scopes.CreateAsyncScope())
        {
            reply = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new HandleChatMessageCommand(input), ct);
        }

        await deferred.SendAsync(input.Account, input.UserId, reply, ct);
    }

    private async Task<ChatReply?> ProcessAsync(InboundMessage message, ChatInput input, DeliveryClaim claim)
    {
        followers.Observe(message);
        if (ConsentOf(message) is { } consent)
        {
            // A popup answer has nothing to reply; it only changes what we may send later.
            await RecordConsentAsync(consent);
            return null;
        }

        // Its own scope: the work may outlive the HTTP request when it misses the deadline.
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        return await sender.Send(new HandleChatMessageCommand(input) { Preloaded = claim.Session }, CancellationToken.None);
    }

    // A type test on the hot path; ConsentOf builds the command only for the popups themselves.
    private static bool IsConsent(InboundMessage message) => message is SubscribeMessagePopupEvent or SubscribeMessageChangeEvent;

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

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscribe-notification consent could not be recorded")]
    private static partial void LogConsentFailed(ILogger logger, Exception exception);
}
