using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Domain.EmergencyPlans;

/// <summary>
/// A plan step made a task of one incident: for a role (of a team), told to the people holding it, done or skipped
/// (with a reason) by one of them. Part of the <see cref="EmergencyPlan"/>; changed through the incident.
/// </summary>
public sealed class PlanTask
{
    public const int MaxAssignedLength = 1000;
    public const int MaxNoteLength = 200;

    internal PlanTask(int number, PlanStep step, PlanAssignment assignment, DateTimeOffset startedAt)
    {
        Number = number;
        Title = step.Title;
        Role = step.Role;
        TeamId = assignment.TeamId;
        var people = string.Join('|', assignment.People.Distinct(StringComparer.Ordinal));
        AssignedTo = people.Length == 0 ? null : people.Length <= MaxAssignedLength ? people : people[..people.LastIndexOf('|', MaxAssignedLength)];
        DueAt = step.DeadlineMinutes is { } minutes ? startedAt.AddMinutes(minutes) : null;
        Status = PlanTaskStatus.Open;
    }

    // For EF Core materialization.
    private PlanTask()
    {
        Title = null!;
    }

    /// <summary>1, 2, 3 … in the template's order: what people type and the API's path.</summary>
    public int Number { get; private set; }

    public string Title { get; private set; }

    public StaffRole Role { get; private set; }

    /// <summary>The team whose <see cref="Role"/> holds the task; null = that role in any team.</summary>
    public Guid? TeamId { get; private set; }

    /// <summary>The WeCom UserIds told of the task, <c>|</c>-separated (WeCom's own list format); null = nobody held the role.</summary>
    public string? AssignedTo { get; private set; }

    public DateTimeOffset? DueAt { get; private set; }

    public PlanTaskStatus Status { get; private set; }

    public string? FinishedBy { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>The note given on completion, or the reason for skipping.</summary>
    public string? Note { get; private set; }

    public bool IsFinished => Status != PlanTaskStatus.Open;

    public IReadOnlyList<string> People => AssignedTo is null ? [] : AssignedTo.Split('|');

    /// <summary>
    /// Whether <paramref name="member"/> holds this task's role: active, and an admin, or of the task's role in its team
    /// (dispatchers without a team dispatch for every team, so they hold every team's dispatcher tasks).
    /// </summary>
    public bool IsHeldBy(StaffMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.IsActive && (member.Role == StaffRole.Admin
            || (member.Role == Role && (TeamId is null || member.TeamId == TeamId || (Role == StaffRole.Dispatcher && member.TeamId is null))));
    }

    internal void Finish(StaffMember member, PlanTaskStatus status, string? note, DateTimeOffset now)
    {
        if (IsFinished)
        {
            throw new DomainException("plan_task.finished", $"任务 {Number}「{Title}」已经{(Status == PlanTaskStatus.Done ? "完成" : "跳过")}了。");
        }

        if (!IsHeldBy(member))
        {
            throw new DomainException("plan.forbidden", $"任务 {Number}「{Title}」由{Role.Name()}负责，你不能处理。");
        }

        var cleaned = Text.Optional(note, MaxNoteLength, "plan_task.invalid", $"备注不能超过{MaxNoteLength}个字。");
        if (status == PlanTaskStatus.Skipped && cleaned is null)
        {
            throw new DomainException("plan.reason_required", "跳过任务需要说明原因。");
        }

        Status = status;
        FinishedBy = member.UserId;
        FinishedAt = now;
        Note = cleaned;
    }
}
