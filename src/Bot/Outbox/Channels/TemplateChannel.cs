using System.Globalization;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Wechat.Api.WeChat;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>
/// 模板消息 (PROTOCOL §4.5, verified service accounts). The row id goes out as <c>client_msg_id</c>, so even a send
/// repeated after a crash between the call and its record is dropped by WeChat.
/// </summary>
public sealed class TemplateChannel(WeChatApiClient client) : IOutboxChannel
{
    private static readonly RateLimitKey[] Account = [new(RateLimitKind.OfficialAccount, "oa")];

    public OutboxChannel Channel => OutboxChannel.Template;

    public IReadOnlyList<RateLimitKey> RateLimitKeys(OutboxMessage message, OutboxContent content) => Account;

    public async Task<SendOutcome> SendAsync(OutboxMessage message, OutboxContent content, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(content.TemplateId) || content.TemplateData is not { Count: > 0 } data)
        {
            return new SendOutcome.Unreachable(null, "no template configured");
        }

        try
        {
            await client.SendTemplateMessageAsync(
                new CgibinMessageTemplateSendRequest
                {
                    ToUser = message.Recipient,
                    TemplateId = content.TemplateId,
                    ClientMessageId = message.Id.ToString("N", CultureInfo.InvariantCulture),
                    Data = data.ToDictionary(p => p.Key, p => new TemplateValue(p.Value)),
                },
                ct);
            return SendOutcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return SendOutcome.Of(ex);
        }
    }
}
