using Microsoft.Extensions.Options;
using WechatLogistics.Bot.WeChat.Outbound;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Wechat.Api.WeCom;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>
/// WeCom app message (PROTOCOL §5.4). WeCom silently drops a member's 31st message in a minute, so every member (and
/// every department, standing in for its members) is a rate-limit partition: the dispatcher waits, WeCom never drops.
/// </summary>
public sealed class WeComAppChannel(IServiceProvider services, IOptions<WeComOptions> options) : IOutboxChannel
{
    public OutboxChannel Channel => OutboxChannel.WeComApp;

    public IReadOnlyList<RateLimitKey> RateLimitKeys(OutboxMessage message, OutboxContent content) =>
    [
        .. Split(content.WeComToUser ?? message.Recipient).Select(user => new RateLimitKey(RateLimitKind.WeComMember, "u:" + user)),
        .. Split(content.WeComToParty).Select(party => new RateLimitKey(RateLimitKind.WeComMember, "p:" + party)),
    ];

    public async Task<SendOutcome> SendAsync(OutboxMessage message, OutboxContent content, CancellationToken ct)
    {
        if (!options.Value.IsConfigured)
        {
            return new SendOutcome.Skip("WeCom app not configured");
        }

        try
        {
            var request = CgibinMessageSendRequest.ForText(content.WeComToUser ?? message.Recipient, content.Text) with
            {
                ToParty = string.IsNullOrEmpty(content.WeComToParty) ? null : content.WeComToParty,
            };
            await services.GetRequiredService<WeComApiClient>().SendMessageAsync(request, ct);
            return SendOutcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return SendOutcome.Of(ex);
        }
    }

    private static string[] Split(string? list) =>
        string.IsNullOrEmpty(list) ? [] : list.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
