using Mediator;
using Microsoft.Extensions.Logging;

namespace WechatLogistics.Handlers.Conversations;

/// <summary>
/// The last line of defence for chat: a student never sees a stack trace or a silent bot. An unexpected failure
/// (a store outage, a bug) becomes the friendly "busy" line and one error log entry.
/// </summary>
public sealed partial class ChatErrorBehavior(ILogger<ChatErrorBehavior> logger)
    : IPipelineBehavior<HandleChatMessageCommand, ChatReply>
{
    public async ValueTask<ChatReply> Handle(
        HandleChatMessageCommand message,
        MessageHandlerDelegate<HandleChatMessageCommand, ChatReply> next,
        CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, message.Input.Kind);
            return ChatReply.Text(ChatTexts.Busy);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat message of kind {Kind} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, ChatInputKind kind);
}
