using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Outbox;

/// <summary>
/// The handlers' <see cref="IOutbox"/>: rows added to the scope's context, so they commit with the handler's own
/// changes. Duplicates (same recipient and message key) are dropped by <see cref="AppDbContext"/> at save.
/// </summary>
public sealed class DbContextOutbox(AppDbContext db, TimeProvider time) : IOutbox
{
    public void Enqueue(OutboxItem item) => db.AddOutboxItem(item, time.GetUtcNow());

    public async Task<IReadOnlyList<OutboxDeliveryCount>> CountDeliveriesAsync(Guid correlationId, CancellationToken ct) =>
        await db.OutboxMessages
            .Where(m => m.CorrelationId == correlationId)
            .GroupBy(m => new { m.Status, m.Channel, m.LastErrorCode, m.Reason })
            .Select(g => new OutboxDeliveryCount(g.Key.Status, g.Key.Channel, g.Key.LastErrorCode, g.Key.Reason, g.Count()))
            .ToListAsync(ct);
}
