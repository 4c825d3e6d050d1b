using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.WeChat;

/// <summary>
/// Delivers an answer that missed the 5-second passive-reply window. The outbound issue replaces the logging
/// placeholder with a customer-service message through the outbox.
/// </summary>
public interface IDeferredReplySender
{
    ValueTask SendAsync(string account, string userId, ChatReply reply, CancellationToken ct);
}

public sealed partial class LoggingDeferredReplySender(ILogger<LoggingDeferredReplySender> logger) : IDeferredReplySender
{
    public ValueTask SendAsync(string account, string userId, ChatReply reply, CancellationToken ct)
    {
        if (reply is not NoReply)
        {
            LogDeferred(logger, reply.GetType().Name, LogIds.ShortUser(userId));
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deferred {ReplyKind} for user {User}: no outbound client yet, answer not sent")]
    private static partial void LogDeferred(ILogger logger, string replyKind, string user);
}
