using WechatLogistics.Bot.Outbox;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.WeChat.Outbound;

/// <summary>
/// An answer that missed the passive-reply deadline goes out as a customer-service message (PROTOCOL §4.4) through
/// the outbox: stored in its own scope, then delivered with retries by the dispatcher. The user just wrote to us, so
/// the 48-hour window is open; should WeChat still refuse it (45015/45047), it is recorded as skipped.
/// </summary>
public sealed partial class CustomerServiceReplySender(IServiceScopeFactory scopes, ILogger<CustomerServiceReplySender> logger) : IDeferredReplySender
{
    public async ValueTask SendAsync(string account, string userId, ChatReply reply, CancellationToken ct)
    {
        if (ToContent(reply) is not { } content)
        {
            return;
        }

        await scopes.QueueAsync(new OutboxItem(OutboxChannel.CustomerService, userId, "reply:" + Guid.CreateVersion7().ToString("N"), content), ct);
        LogQueued(logger, reply is TextChatReply ? "text" : "news", LogIds.ShortUser(userId));
    }

    internal static OutboxContent? ToContent(ChatReply reply) => reply switch
    {
        TextChatReply text => new OutboxContent { Text = text.Content },
        // A customer-service news message carries one article (more is errcode 45008).
        NewsChatReply { Articles.Count: > 0 } news => new OutboxContent
        {
            Text = news.Articles[0].Title,
            Article = new OutboxArticle(news.Articles[0].Title, news.Articles[0].Description, news.Articles[0].Url, news.Articles[0].PictureUrl),
        },
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Deferred {ReplyKind} answer to {User} queued for a customer-service message")]
    private static partial void LogQueued(ILogger logger, string replyKind, string user);
}
