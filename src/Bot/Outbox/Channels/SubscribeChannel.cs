using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Wechat.Api;
using WechatLogistics.Wechat.Api.WeChat;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>
/// 订阅通知 (PROTOCOL §4.6, the Official Account's <c>subscribe/bizsend</c>): each send uses one of the user's recorded
/// acceptances of the template, taken atomically before the call and given back when the call fails for a reason
/// that leaves it unused. A 43101 means WeChat holds none: the ledger is corrected and the notice moves on.
/// </summary>
public sealed class SubscribeChannel(WeChatApiClient client, IServiceScopeFactory scopes) : IOutboxChannel
{
    private static readonly RateLimitKey[] Account = [new(RateLimitKind.OfficialAccount, "oa")];

    public OutboxChannel Channel => OutboxChannel.Subscribe;

    public IReadOnlyList<RateLimitKey> RateLimitKeys(OutboxMessage message, OutboxContent content) => Account;

    public async Task<SendOutcome> SendAsync(OutboxMessage message, OutboxContent content, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(content.TemplateId) || content.TemplateData is not { Count: > 0 } data)
        {
            return new SendOutcome.Unreachable(null, "no subscribe template configured");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var consents = db.SubscribeConsents.Where(c => c.OpenId == message.Recipient && c.TemplateId == content.TemplateId);
        if (await consents.Where(c => c.Credits > 0).ExecuteUpdateAsync(s => s.SetProperty(c => c.Credits, c => c.Credits - 1), ct) == 0)
        {
            return new SendOutcome.Unreachable(null, "no subscribe consent");
        }

        SendOutcome outcome;
        try
        {
            await client.SendSubscribeNotificationAsync(
                new CgibinMessageSubscribeBizSendRequest
                {
                    ToUser = message.Recipient,
                    TemplateId = content.TemplateId,
                    Data = data.ToDictionary(p => p.Key, p => new TemplateValue(p.Value)),
                },
                ct);
            return SendOutcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcome = SendOutcome.Of(ex);
        }

        if (outcome is SendOutcome.Unreachable { ErrorCode: WeChatErrorCodes.UserRefusedMessage })
        {
            await consents.ExecuteUpdateAsync(s => s.SetProperty(c => c.Credits, 0), CancellationToken.None);
        }
        else
        {
            // Not delivered: the acceptance is still unused on WeChat's side.
            await consents.ExecuteUpdateAsync(s => s.SetProperty(c => c.Credits, c => c.Credits + 1), CancellationToken.None);
        }

        return outcome;
    }
}
