using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Domain.Notifications;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>
/// The mini-program's inbox: the channel that always works. The entry's id is the outbox row's, so a row delivered
/// twice (a crash between the insert and its record) still leaves one entry.
/// </summary>
public sealed class InAppChannel(IServiceScopeFactory scopes, TimeProvider time) : IOutboxChannel
{
    public OutboxChannel Channel => OutboxChannel.InApp;

    public IReadOnlyList<RateLimitKey> RateLimitKeys(OutboxMessage message, OutboxContent content) => [];

    public async Task<SendOutcome> SendAsync(OutboxMessage message, OutboxContent content, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!await db.InboxMessages.AnyAsync(m => m.Id == message.Id, ct))
            {
                db.InboxMessages.Add(new InboxMessage(message.Id, message.Recipient, content.Title ?? "通知", content.Text, time.GetUtcNow()));
                await db.SaveChangesAsync(ct);
            }

            return SendOutcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new SendOutcome.Transient(null, "inbox not writable: " + ex.GetType().Name);
        }
    }
}
