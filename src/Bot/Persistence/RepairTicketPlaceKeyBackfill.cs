using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Bot.Persistence;

/// <summary>
/// Tickets saved before <see cref="RepairTicket.PlaceKey"/> existed (or by an older instance during a rolling upgrade)
/// get their key at start, in batches: the normalisation is C# (<see cref="RepairTicket.PlaceKeyOf"/>), so a migration
/// cannot compute it. Finding what is left reads a partial index that holds only unkeyed rows, so a start with nothing to
/// do costs one empty index read. Safe from several instances at once: a row is only ever set to its one key.
/// </summary>
internal static class RepairTicketPlaceKeyBackfill
{
    private const int BatchSize = 500;

    /// <returns>The tickets keyed.</returns>
    public static async Task<int> RunAsync(AppDbContext db, CancellationToken ct)
    {
        var keyed = 0;
        while (true)
        {
            var batch = await db.RepairTickets.AsNoTracking()
                .Where(t => t.PlaceKey == null)
                .OrderBy(t => t.Id)
                .Select(t => new { t.Id, t.LocationText })
                .Take(BatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return keyed;
            }

            // One statement per distinct key in the batch (a room's reports share theirs).
            foreach (var room in batch.GroupBy(t => RepairTicket.PlaceKeyOf(t.LocationText), t => t.Id))
            {
                var ids = room.ToList();
                keyed += await db.RepairTickets
                    .Where(t => ids.Contains(t.Id) && t.PlaceKey == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.PlaceKey, room.Key), ct);
            }
        }
    }
}
