using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.WeChat;

/// <summary>
/// Delivers an answer that missed the 5-second passive-reply window (<c>Outbound/CustomerServiceReplySender</c>:
/// a customer-service message).
/// </summary>
public interface IDeferredReplySender
{
    ValueTask SendAsync(string account, string userId, ChatReply reply, CancellationToken ct);
}
