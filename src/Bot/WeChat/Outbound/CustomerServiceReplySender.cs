using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Wechat.Api;
using WechatLogistics.Wechat.Api.WeChat;
using static WechatLogistics.Wechat.Api.WeChat.CgibinMessageCustomSendRequest;

namespace WechatLogistics.Bot.WeChat.Outbound;

/// <summary>
/// Sends an answer that missed the passive-reply deadline as a customer-service message (PROTOCOL §4.4). The user just
/// wrote to us, so the 48-hour window is open; a failure is logged by errcode and dropped, never thrown.
/// </summary>
public sealed partial class CustomerServiceReplySender(WeChatApiClient client, ILogger<CustomerServiceReplySender> logger) : IDeferredReplySender
{
    public async ValueTask SendAsync(string account, string userId, ChatReply reply, CancellationToken ct)
    {
        var request = ToRequest(userId, reply);
        if (request is null)
        {
            return;
        }

        var kind = request.MessageType;
        try
        {
            // Sent directly for now; a durable outbox with retries will replace this call.
            await client.SendCustomMessageAsync(request, ct);
            LogSent(logger, kind, LogIds.ShortUser(userId));
        }
        catch (WeChatApiException ex)
        {
            LogRejected(logger, kind, LogIds.ShortUser(userId), ex.ErrorCode, Reason(ex.ErrorCode));
        }
        catch (WeChatTransportException ex)
        {
            LogUnreachable(logger, kind, LogIds.ShortUser(userId), ex.HttpStatusCode, ex.IsTransient);
        }
    }

    internal static CgibinMessageCustomSendRequest? ToRequest(string userId, ChatReply reply) => reply switch
    {
        TextChatReply text => ForText(userId, text.Content),
        // A customer-service news message carries one article (more is errcode 45008).
        NewsChatReply { Articles.Count: > 0 } news => ForNews(userId, [.. news.Articles.Take(1).Select(a =>
            new NewsArticle { Title = a.Title, Description = a.Description, Url = a.Url, PictureUrl = a.PictureUrl })]),
        _ => null,
    };

    private static string Reason(int errorCode) => errorCode switch
    {
        WeChatErrorCodes.ResponseWindowClosed => "48-hour window closed or the user unfollowed",
        WeChatErrorCodes.ResponseCountLimit => "customer-service quota for this user used up",
        WeChatErrorCodes.InvalidOpenId => "invalid openid",
        _ => "rejected by WeChat",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Deferred {ReplyKind} answer sent to {User} by customer-service message")]
    private static partial void LogSent(ILogger logger, string replyKind, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deferred {ReplyKind} answer to {User} not sent: errcode {ErrorCode} ({Reason})")]
    private static partial void LogRejected(ILogger logger, string replyKind, string user, int errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Deferred {ReplyKind} answer to {User} not sent: WeChat API unreachable (HTTP status {HttpStatus}, transient {Transient})")]
    private static partial void LogUnreachable(ILogger logger, string replyKind, string user, int? httpStatus, bool transient);
}
