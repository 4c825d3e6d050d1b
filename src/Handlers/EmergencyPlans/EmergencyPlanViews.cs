using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.EmergencyPlans;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.EmergencyPlans;

/// <summary>A started plan with its tasks (the admin page's progress: done of total, who, when).</summary>
public sealed record EmergencyPlanView(
    Guid Id,
    Guid IncidentId,
    string Name,
    string Kind,
    string? Expected,
    string StartedBy,
    DateTimeOffset StartedAt,
    bool IsRunning,
    int Finished,
    int Total,
    string? Summary,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<PlanTaskView> Tasks);

/// <param name="People">The display names of those told of the task.</param>
/// <param name="FinishedByName">Who did or skipped it, by display name (the UserId when unknown).</param>
public sealed record PlanTaskView(
    int Number,
    string Title,
    StaffRole Role,
    string RoleName,
    string? Team,
    IReadOnlyList<string> People,
    PlanTaskStatus Status,
    DateTimeOffset? DueAt,
    string? FinishedBy,
    string? FinishedByName,
    DateTimeOffset? FinishedAt,
    string? Note);

public sealed record IncidentTimelineView(DateTimeOffset At, string ActorId, string Actor, IncidentTimelineAction Action, int? TaskNumber, string? Note);

internal static class EmergencyPlanViews
{
    public static Domain.Common.DomainException NotFound() => new("plan.not_found", "该事件还没有启动应急预案。");

    public static async Task<EmergencyPlanView> ViewAsync(IAppDbContext db, EmergencyPlan plan, CancellationToken ct)
    {
        var userIds = plan.Tasks.SelectMany(t => t.People).Concat(plan.Tasks.Where(t => t.FinishedBy is not null).Select(t => t.FinishedBy!)).Distinct().ToList();
        var names = await NamesAsync(db, userIds, ct);
        var teamIds = plan.Tasks.Where(t => t.TeamId is not null).Select(t => t.TeamId!.Value).Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return new EmergencyPlanView(
            plan.Id, plan.IncidentId, plan.Name, plan.Kind, plan.Expected, plan.StartedBy, plan.StartedAt, plan.IsRunning, plan.FinishedCount, plan.Tasks.Count,
            plan.Summary, plan.ClosedAt,
            [
                .. plan.Tasks.OrderBy(t => t.Number).Select(t => new PlanTaskView(
                    t.Number, t.Title, t.Role, t.Role.Name(), t.TeamId is { } team ? teams.GetValueOrDefault(team) : null,
                    [.. t.People.Select(p => names.GetValueOrDefault(p, p))], t.Status, t.DueAt,
                    t.FinishedBy, t.FinishedBy is null ? null : names.GetValueOrDefault(t.FinishedBy, t.FinishedBy), t.FinishedAt, t.Note)),
            ]);
    }

    public static async Task<Dictionary<string, string>> NamesAsync(IAppDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct) =>
        await db.StaffMembers.AsNoTracking().Where(m => userIds.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, m => m.DisplayName, StringComparer.Ordinal, ct);
}
