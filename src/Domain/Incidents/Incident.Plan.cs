using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.EmergencyPlans;
using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Domain.Incidents;

/// <summary>
/// The incident's emergency plan (应急预案) and timeline. Rules: one plan per incident; a task is finished by someone
/// holding its role; an incident whose plan runs closes only when every task is done or skipped with a reason, and with
/// a summary. Every step — start, each task, the close with its summary — is a timeline entry.
/// </summary>
public sealed partial class Incident
{
    /// <summary>The actor of what the early-warning monitor does by itself.</summary>
    public const string SystemActor = "system";

    private readonly List<IncidentTimelineEntry> _timeline = [];

    public EmergencyPlan? Plan { get; private set; }

    /// <summary>Loaded on demand (not with the incident): new entries are appended without reading the history.</summary>
    public IReadOnlyList<IncidentTimelineEntry> Timeline => _timeline;

    /// <param name="assignments">Per template step, who its role resolved to.</param>
    public EmergencyPlan StartPlan(PlanTemplate template, IReadOnlyList<PlanAssignment> assignments, string? expected, string startedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentException.ThrowIfNullOrWhiteSpace(startedBy);
        EnsureOpen();
        if (Plan is not null)
        {
            throw AlreadyStarted();
        }

        if (!template.IsActive)
        {
            throw new DomainException("plan_template.inactive", $"预案「{template.Name}」已停用。");
        }

        var plan = EmergencyPlan.Start(Id, template, assignments, expected, startedBy, now);
        Plan = plan;
        Version++;
        var tasks = string.Join("；", plan.Tasks.Select(t => $"{t.Number}. {t.Title}（{t.Role.Name()}）"));
        _timeline.Add(new IncidentTimelineEntry(now, startedBy, IncidentTimelineAction.PlanStarted, $"启动预案「{plan.Name}」：{tasks}"));
        Raise(new EmergencyPlanStarted(
            Id, plan.Id, plan.Name, [.. plan.Tasks.Select(t => new EmergencyPlanStarted.StartedTask(t.Number, t.Title, t.People, t.DueAt))], now));
        return plan;
    }

    public PlanTask CompleteTask(int number, StaffMember member, string? note, DateTimeOffset now) =>
        FinishTask(number, member, PlanTaskStatus.Done, note, now);

    /// <summary>Skipping needs a reason (it goes on the timeline).</summary>
    public PlanTask SkipTask(int number, StaffMember member, string? reason, DateTimeOffset now) =>
        FinishTask(number, member, PlanTaskStatus.Skipped, reason, now);

    /// <summary>
    /// Closes the incident. Without a plan the summary is optional; with a running plan every task must be done or
    /// skipped and the summary is required (<c>plan.tasks_open</c>, <c>plan.summary_required</c>).
    /// </summary>
    public void Close(string closedBy, string? summary, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(closedBy);
        EnsureOpen();
        var note = Plan is { IsRunning: true } plan
            ? plan.Close(summary, now)
            : Text.Optional(summary, EmergencyPlan.MaxSummaryLength, "plan.invalid", $"总结不能超过{EmergencyPlan.MaxSummaryLength}个字。");
        Status = IncidentStatus.Closed;
        ClosedAt = now;
        ClosedBy = closedBy.Length <= MaxActorLength ? closedBy : closedBy[..MaxActorLength];
        Version++;
        _timeline.Add(new IncidentTimelineEntry(now, ClosedBy, IncidentTimelineAction.Closed, note is null ? "关闭事件" : "关闭事件，处置总结：" + note));
    }

    public static DomainException AlreadyStarted() => new("plan.already_started", "该事件已经启动了应急预案，不能重复启动。");

    private PlanTask FinishTask(int number, StaffMember member, PlanTaskStatus status, string? note, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(member);
        EnsureOpen();
        var plan = Plan ?? throw new DomainException("plan.not_found", "该事件还没有启动应急预案。");
        var task = plan.Task(number);
        task.Finish(member, status, note, now);
        plan.Touch();
        var what = status == PlanTaskStatus.Done ? "完成" : "跳过";
        _timeline.Add(new IncidentTimelineEntry(
            now, member.UserId, status == PlanTaskStatus.Done ? IncidentTimelineAction.TaskDone : IncidentTimelineAction.TaskSkipped,
            $"{what}任务 {task.Number}「{task.Title}」" + (task.Note is null ? "" : (status == PlanTaskStatus.Done ? "：" : "，原因：") + task.Note), task.Number));
        return task;
    }
}
