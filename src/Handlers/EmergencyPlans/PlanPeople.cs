using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.EmergencyPlans;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.EmergencyPlans;

/// <summary>
/// Who a plan step's role is, for one incident. A step without a named team is for the team the incident's trade and
/// building route to (the routing rules, as for a new report there). Workers: that team's active workers. Dispatchers:
/// its dispatchers and those without a team (they dispatch for every team), as for SLA escalations. Admins: every admin.
/// </summary>
internal static class PlanPeople
{
    public static async Task<IReadOnlyList<PlanAssignment>> ResolveAsync(
        IAppDbContext db, IMemoryCache cache, Incident incident, IReadOnlyList<PlanStep> steps, CancellationToken ct)
    {
        var rules = await ReferenceDataCache.RoutingRulesAsync(cache, db, ct);
        var routedTeam = TicketRouting.MostSpecific(rules, incident.BuildingId, incident.CategoryId, null)?.TeamId;
        var staff = await db.StaffMembers.AsNoTracking().Where(m => m.IsActive).OrderBy(m => m.UserId).ToListAsync(ct);
        return
        [
            .. steps.Select(step =>
            {
                var team = step.Role == StaffRole.Admin ? null : step.TeamId ?? routedTeam;
                var people = staff.Where(m => m.Role == step.Role && step.Role switch
                {
                    StaffRole.Worker => team is not null && m.TeamId == team,
                    StaffRole.Dispatcher => m.TeamId is null || m.TeamId == team,
                    _ => true,
                });
                return new PlanAssignment(team, [.. people.Select(m => m.UserId)]);
            }),
        ];
    }
}
