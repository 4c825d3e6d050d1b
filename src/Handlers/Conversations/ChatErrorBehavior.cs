using Mediator;
using Microsoft.Extensions.Logging;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Conversations;

/// <summary>
/// The last line of defence for chat: a student never sees a stack trace or a silent bot. An unexpected failure
/// (a store outage, a bug) becomes the friendly "busy" line and one error log entry; a broken business rule
/// becomes its own friendly message (<see cref="ChatFailures"/>).
/// </summary>
public sealed class ChatErrorBehavior(ILogger<ChatErrorBehavior> logger)
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
            return ChatFailures.ReplyFor(ex, logger, message.Input.Kind.ToString());
        }
    }
}

/// <summary>What any chat (students' or staff's) answers when a message's work throws.</summary>
public static partial class ChatFailures
{
    /// <param name="what">The kind of message or command, for the log (never its text).</param>
    public static ChatReply ReplyFor(Exception exception, ILogger logger, string what)
    {
        switch (exception)
        {
            case DomainException rule:
                // A business rule the user ran into: its message is written to be shown.
                LogRuleBroken(logger, what, rule.Code);
                return ChatReply.Text(rule.Message);
            case ValidationException invalid:
                LogRuleBroken(logger, what, "validation");
                return ChatReply.Text(invalid.Errors.Count > 0 ? invalid.Errors[0].Message : ChatTexts.Busy);
            default:
                LogFailed(logger, exception, what);
                return ChatReply.Text(ChatTexts.Busy);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat message {What} refused by rule {Code}")]
    private static partial void LogRuleBroken(ILogger logger, string what, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat message {What} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string what);
}
