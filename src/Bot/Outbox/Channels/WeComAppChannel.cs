using Microsoft.Extensions.Options;
using WechatLogistics.Bot.WeChat.Outbound;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Wechat.Api.WeCom;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>
/// WeCom app message (PROTOCOL §5.4). WeCom silently drops a member's 31st message in a minute, so every member (and
/// every department, standing in for its members) is a rate-limit partition: the dispatcher waits, WeCom never drops.
/// Messages with a one-line summary (SLA alerts, new assignments) that queue for the same people go as one text.
/// </summary>
public sealed class WeComAppChannel(IServiceProvider services, IOptions<WeComOptions> options) : IOutboxChannel
{
    /// <summary>Text content limit (PROTOCOL §5.4), in UTF-8 bytes.</summary>
    public const int MaxTextBytes = 2048;

    /// <summary>Rows in one digest at most: the lines that fit in <see cref="MaxTextBytes"/> (about 25) are listed, the rest counted.</summary>
    public const int DigestRows = 500;

    public OutboxChannel Channel => OutboxChannel.WeComApp;

    public int CombineAtMost => DigestRows;

    /// <summary>Only summarised messages combine (a staff reply or an announcement always goes in full), per audience.</summary>
    public string? CombineKey(OutboxMessage message, OutboxContent content) =>
        content.Summary is null ? null : $"{content.WeComToUser ?? message.Recipient}#{content.WeComToParty}";

    public OutboxContent Combine(IReadOnlyList<OutboxContent> contents) => Digest(contents);

    /// <summary>One text for the same audience: a header, then one line per message, within the text limit.</summary>
    public static OutboxContent Digest(IReadOnlyList<OutboxContent> contents) => contents[0] with
    {
        Title = null,
        Summary = null,
        Text = OutboxDigest.Compose(contents, MaxTextBytes, n => $"【新通知 {n} 条，合并发送】", "· "),
    };

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
