using Mediator;
using Microsoft.Extensions.Logging;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Conversations;

/// <summary>
/// The last line of defence for chat: a student never sees a stack trace or a silent bot. An unexpected failure
/// (a store outage, a bug) becomes the friendly "busy" line and one error log entry; a broken business rule
/// becomes its own friendly message.
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
        catch (DomainException ex)
        {
            // A business rule the student ran into: its message is written to be shown.
            LogRuleBroken(logger, ex.Code);
            return ChatReply.Text(ex.Message);
        }
        catch (ValidationException ex)
        {
            LogRuleBroken(logger, "validation");
            return ChatReply.Text(ex.Errors.Count > 0 ? ex.Errors[0].Message : ChatTexts.Busy);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, message.Input.Kind);
            return ChatReply.Text(ChatTexts.Busy);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat message refused by rule {Code}")]
    private static partial void LogRuleBroken(ILogger logger, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat message of kind {Kind} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, ChatInputKind kind);
}
