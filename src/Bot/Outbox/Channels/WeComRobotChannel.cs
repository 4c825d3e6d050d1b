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
/// (a secret) is looked up here and is the rate-limit partition (20 a minute per robot).
/// </summary>
public sealed class WeComRobotChannel : IOutboxChannel
{
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
