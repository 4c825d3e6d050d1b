using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Incidents;

public sealed record IncidentSummary(
    Guid Id,
    IncidentStatus Status,
    Guid CategoryId,
    string Category,
    Guid BuildingId,
    string Building,
    DateTimeOffset OpenedAt,
    DateTimeOffset FirstReportAt,
    DateTimeOffset LastReportAt,
    int TicketCount,
    Guid? AnnouncementId,
    DateTimeOffset? AnnouncedAt,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    PlanProgress? Plan = null);

/// <summary>An incident's emergency plan at a glance: its name and how many of its tasks are done or skipped.</summary>
public sealed record PlanProgress(string Name, int Finished, int Total, bool IsRunning);

public sealed record IncidentDetails(IncidentSummary Incident, IReadOnlyList<IncidentTicketView> Tickets);

public sealed record IncidentTicketView(Guid TicketId, string Number, TicketStatus Status, string? Place, DateTimeOffset ReportedAt);

internal static class IncidentViews
{
    /// <summary>Names from the database (not the cache): an incident may point at a place deactivated since.</summary>
    public static async Task<List<IncidentSummary>> SummariesAsync(IAppDbContext db, IReadOnlyList<Incident> incidents, CancellationToken ct)
    {
        var categoryIds = incidents.Select(i => i.CategoryId).Distinct().ToList();
        var buildingIds = incidents.Select(i => i.BuildingId).Distinct().ToList();
        var categories = await db.RepairCategories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var buildings = await db.Locations.AsNoTracking().Where(l => buildingIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var incidentIds = incidents.Select(i => i.Id).ToList();
        var plans = await db.EmergencyPlans.AsNoTracking().Where(p => incidentIds.Contains(p.IncidentId))
            .ToDictionaryAsync(p => p.IncidentId, p => new PlanProgress(p.Name, p.FinishedCount, p.Tasks.Count, p.IsRunning), ct);
        return
        [
            .. incidents.Select(i => new IncidentSummary(
                i.Id, i.Status, i.CategoryId, categories.GetValueOrDefault(i.CategoryId, "未知类别"), i.BuildingId, buildings.GetValueOrDefault(i.BuildingId, "未知楼栋"),
                i.OpenedAt, i.FirstReportAt, i.LastReportAt, i.TicketCount, i.AnnouncementId, i.AnnouncedAt, i.ClosedAt, i.ClosedBy, plans.GetValueOrDefault(i.Id))),
        ];
    }

    /// <summary>The incident, tracked, with its emergency plan (the close rule reads it).</summary>
    public static async Task<Incident> LoadAsync(IAppDbContext db, Guid id, CancellationToken ct) =>
        await db.Incidents.Include(i => i.Plan).SingleOrDefaultAsync(i => i.Id == id, ct)
        ?? throw new Domain.Common.DomainException("incident.not_found", "没有找到这条预警。");
}
