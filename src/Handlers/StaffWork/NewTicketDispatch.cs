using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.StaffWork;

/// <summary>What dispatch decided for a new report that the reporter should hear about.</summary>
internal sealed record DispatchOutcome(string? DuplicateOfNumber);

/// <summary>
/// Dispatch of a new report, before its one save: a repeat of an open ticket (same category, same place) is linked
/// to it and follows it — same team, and the same worker while that worker holds it. Otherwise a report naming an asset
/// goes to the asset's responsible team (when it is active) ahead of every routing rule, since the asset's owner is
/// the more specific fact; failing that the most specific routing rule picks the team. The team's active worker with
/// the fewest active tickets gets it (actor System).
/// No rule or no worker: the ticket waits in the dispatch queue (待派).
/// </summary>
/// <remarks>
/// The building, the category's parent and the routing rules come from <see cref="ReferenceDataCache"/> (a rule edited
/// on another instance applies within its minute); the open tickets, the asset and the workers' load are read live.
/// </remarks>
internal static class NewTicketDispatch
{
    public static async Task<DispatchOutcome> DispatchAsync(IAppDbContext db, IMemoryCache cache, RepairTicket ticket, DateTimeOffset now, CancellationToken ct)
    {
        if (await OriginalOfAsync(db, ticket, ct) is { } original)
        {
            ticket.MarkDuplicateOf(original);
            if (original.AssigneeId is { } worker && RepairTicketLifecycle.WorkerLoad.Contains(original.Status)
                && await db.StaffMembers.AnyAsync(s => s.UserId == worker && s.IsActive, ct))
            {
                ticket.Assign(worker, Actor.System, now);
            }

            return new DispatchOutcome(original.Number.ToString());
        }

        if (await TeamForAsync(db, cache, ticket, ct) is not { } teamId)
        {
            return new DispatchOutcome(null);
        }

        ticket.RouteTo(teamId);
        if (await LeastLoadedWorkerAsync(db, teamId, ct) is { } chosen)
        {
            ticket.Assign(chosen.UserId, Actor.System, now, teamId);
        }

        return new DispatchOutcome(null);
    }

    // The first report of the fault rather than another repeat of it, else the oldest repeat still open (its first report
    // was closed meanwhile). Read through the (category, location, room, opened) index in report order: the oldest open
    // report of the room is the answer as a rule (no report, or the first one), and only when it is a repeat is the room
    // asked once more for an open first report. The new ticket is not saved yet, so it cannot meet itself.
    private static async Task<RepairTicket?> OriginalOfAsync(IAppDbContext db, RepairTicket ticket, CancellationToken ct)
    {
        var sameFault = db.RepairTickets.AsNoTracking()
            .Where(t => t.CategoryId == ticket.CategoryId && t.LocationId == ticket.LocationId && t.PlaceKey == ticket.PlaceKey
                && t.AssetId == ticket.AssetId && RepairTicketLifecycle.BeingHandled.Contains(t.Status))
            .OrderBy(t => t.OpenedAt);
        var oldest = await sameFault.FirstOrDefaultAsync(ct);
        return oldest?.DuplicateOfId is null
            ? oldest
            : await sameFault.Where(t => t.DuplicateOfId == null).FirstOrDefaultAsync(ct) ?? oldest;
    }

    private static async Task<Guid?> TeamForAsync(IAppDbContext db, IMemoryCache cache, RepairTicket ticket, CancellationToken ct)
    {
        if (ticket.AssetId is { } assetId
            && await db.Assets.AsNoTracking()
                .Where(a => a.Id == assetId && db.Teams.Any(team => team.Id == a.ResponsibleTeamId && team.IsActive))
                .Select(a => a.ResponsibleTeamId).SingleOrDefaultAsync(ct) is { } responsible)
        {
            return responsible;
        }

        var building = await CampusPlaces.BuildingOfAsync(cache, db, ticket.LocationId, ct);
        var category = ticket.CategoryId;
        var parent = await CampusPlaces.ParentCategoryOfAsync(cache, db, category, ct);
        var rules = await ReferenceDataCache.RoutingRulesAsync(cache, db, ct);
        return TicketRouting.MostSpecific(rules, building, category, parent)?.TeamId;
    }

    private static async Task<StaffMember?> LeastLoadedWorkerAsync(IAppDbContext db, Guid teamId, CancellationToken ct)
    {
        var workers = await db.StaffMembers.AsNoTracking()
            .Where(s => s.TeamId == teamId && s.Role == StaffRole.Worker && s.IsActive)
            .ToListAsync(ct);
        if (workers.Count == 0)
        {
            return null;
        }

        var ids = workers.Select(w => w.UserId).ToList();
        var load = await db.RepairTickets.AsNoTracking()
            .Where(t => t.AssigneeId != null && ids.Contains(t.AssigneeId) && RepairTicketLifecycle.WorkerLoad.Contains(t.Status))
            .GroupBy(t => t.AssigneeId!)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return TicketRouting.LeastLoaded(workers, load);
    }
}
