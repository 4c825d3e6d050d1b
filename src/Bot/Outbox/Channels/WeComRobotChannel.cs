using Flurl.Http.Configuration;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.WeChat.Outbound;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Notifications;
using WechatLogistics.Wechat.Api.Tokens;
using WechatLogistics.Wechat.Api.WeCom;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>
/// WeCom group robot (PROTOCOL §5.5): the row's recipient is a route name from <c>Maintenance:RobotKeys</c>; the key
/// (a secret) is looked up here and is the rate-limit partition (20 a minute per robot). Notices that queued for the
/// same robot go out as one markdown digest (<see cref="Combine"/>).
/// </summary>
public sealed class WeComRobotChannel : IOutboxChannel
{
    /// <summary>Markdown content limit (PROTOCOL §5.5), in UTF-8 bytes.</summary>
    public const int MaxMarkdownBytes = 4096;

    /// <summary>
    /// Rows folded into one digest at most: the lines that fit in <see cref="MaxMarkdownBytes"/> (about 40) are listed,
    /// the rest counted. At 20 messages a minute a robot then carries up to 10 000 notices a minute, so a storm of 5 000
    /// reports reaches the group within a minute or two, not hours.
    /// </summary>
    public const int DigestRows = 500;

    private readonly IOptionsMonitor<MaintenanceOptions> _maintenance;
    private readonly Lazy<WeComApiClient> _client;

    public WeComRobotChannel(
        IFlurlClientCache http, IOptions<WeComOptions> wecom, IOptions<WeChatOptions> wechat, IOptionsMonitor<MaintenanceOptions> maintenance, TimeProvider time, ILogger<WeComApiClient> logger)
    {
        _maintenance = maintenance;
        // Robot webhooks need no corp credentials or token (the key is the credential), so they work without the app section.
        _client = new(() => new WeComApiClient(
            http.Get(WeChatApiRegistration.WeComHost),
            new WeComApiSettings { CorpId = "robot-only", CorpSecret = "unused", BaseUrl = wecom.Value.ApiBaseUrl, Timeout = wechat.Value.ApiTimeout },
            new InMemoryAccessTokenStore(),
            time,
            logger));
    }

    public OutboxChannel Channel => OutboxChannel.WeComRobot;

    public IReadOnlyList<RateLimitKey> RateLimitKeys(OutboxMessage message, OutboxContent content) =>
        _maintenance.CurrentValue.KeyFor(message.Recipient) is { } key ? [new RateLimitKey(RateLimitKind.Robot, key)] : [];

    public int CombineAtMost => DigestRows;

    /// <summary>
    /// Messages without a summary (an incident alert) in full, then one line per summarised notice, within the markdown
    /// limit; what does not fit is counted in a last line, so every row is accounted for.
    /// </summary>
    public OutboxContent Combine(IReadOnlyList<OutboxContent> contents) => Digest(contents);

    /// <inheritdoc cref="Combine"/>
    public static OutboxContent Digest(IReadOnlyList<OutboxContent> contents) =>
        new() { Text = OutboxDigest.Compose(contents, MaxMarkdownBytes, n => $"**新通知 {n} 条**（合并发送）", "> ") };

    public async Task<SendOutcome> SendAsync(OutboxMessage message, OutboxContent content, CancellationToken ct)
    {
        if (_maintenance.CurrentValue.KeyFor(message.Recipient) is not { } key)
        {
            return new SendOutcome.Skip("no robot key configured for " + message.Recipient);
        }

        try
        {
            await _client.Value.SendRobotMessageAsync(key, CgibinWebhookSendRequest.ForMarkdown(content.Text), ct);
            return SendOutcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return SendOutcome.Of(ex);
        }
    }
}
