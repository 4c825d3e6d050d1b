using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Sla;

/// <summary>The ticket an escalation is about, for choosing its supervisors.</summary>
public sealed record SlaTicketRef(Guid TicketId, Guid CategoryId, Guid? LocationId, string? AssigneeId);

/// <summary>
/// Who is told when a ticket breaches (or nears its limit with nobody assigned): WeCom UserIds. Scoped, so an
/// implementation may read the database.
/// </summary>
public interface ISlaEscalationTargets
{
    ValueTask<IReadOnlyList<string>> SupervisorsAsync(SlaTicketRef ticket, CancellationToken ct);
}

/// <summary>
/// The dispatchers responsible for the ticket — its team's, and those without a team (they cover every team) — plus the
/// office supervisors of <c>Sla:SupervisorUserIds</c>, who hear of every escalation.
/// </summary>
public sealed class TeamSlaEscalationTargets(IAppDbContext db, IOptionsMonitor<SlaOptions> options) : ISlaEscalationTargets
{
    public async ValueTask<IReadOnlyList<string>> SupervisorsAsync(SlaTicketRef ticket, CancellationToken ct)
    {
        var teamId = await db.RepairTickets.Where(t => t.Id == ticket.TicketId).Select(t => t.TeamId).SingleOrDefaultAsync(ct);
        var dispatchers = await db.StaffMembers.AsNoTracking()
            .Where(m => m.IsActive && m.Role == StaffRole.Dispatcher && (m.TeamId == null || (teamId != null && m.TeamId == teamId)))
            .OrderBy(m => m.UserId)
            .Select(m => m.UserId)
            .ToListAsync(ct);
        return [.. dispatchers.Union(options.CurrentValue.Supervisors, StringComparer.Ordinal)];
    }
}
