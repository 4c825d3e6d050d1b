using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Wechat.Api.WeChat;
using static WechatLogistics.Wechat.Api.WeChat.CgibinMessageCustomSendRequest;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>
/// 客服消息 (PROTOCOL §4.4). A notice first asks the contact window: outside the 48 hours it does not call the API at
/// all, and a 45015/45047 at send time also moves it on to the next channel.
/// </summary>
public sealed class CustomerServiceChannel(WeChatApiClient client, IContactWindow window, IOptions<WeChatOptions> options) : IOutboxChannel
{
    private static readonly RateLimitKey[] Account = [new(RateLimitKind.OfficialAccount, "oa")];

    public OutboxChannel Channel => OutboxChannel.CustomerService;

    public IReadOnlyList<RateLimitKey> RateLimitKeys(OutboxMessage message, OutboxContent content) => Account;

    public async Task<SendOutcome> SendAsync(OutboxMessage message, OutboxContent content, CancellationToken ct)
    {
        try
        {
            if (content.ReachUser && !await window.IsOpenAsync(options.Value.AppId, message.Recipient, ct))
            {
                return new SendOutcome.Unreachable(null, "48-hour window closed");
            }

            var request = content.Article is { } article
                ? ForNews(message.Recipient, new NewsArticle { Title = article.Title, Description = article.Description, Url = article.Url, PictureUrl = article.PictureUrl })
                : ForText(message.Recipient, content.Text);
            await client.SendCustomMessageAsync(request, ct);
            return SendOutcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return SendOutcome.Of(ex);
        }
    }
}
