using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Wechat.Messages;
using WechatLogistics.Wechat.Replies;

namespace WechatLogistics.Bot.WeChat;

/// <summary>Turns the engine's <see cref="ChatReply"/> into passive-reply XML (plaintext; encrypted later if needed).</summary>
public static class ReplyRenderer
{
    /// <summary>The passive reply XML, or null when the answer is plain <c>success</c>.</summary>
    public static string? Render(ChatReply reply, InboundMessage request, long createTime)
    {
        PassiveReply? passive = reply switch
        {
            TextChatReply text => new TextReply(text.Content),
            // A reply to a user's own message may carry only one article (PROTOCOL §3.2); events may carry eight.
            NewsChatReply news => new NewsReply([.. news.Articles
                .Take(request is EventMessage ? 8 : 1)
                .Select(a => new NewsArticle(a.Title, a.Description, a.PictureUrl, a.Url))]),
            _ => null,
        };

        // Swap the sides: we answer the user (FromUserName) as the account (ToUserName).
        return passive is null ? null : PassiveReplyWriter.ToXml(passive, request.FromUserName, request.ToUserName, createTime);
    }
}
