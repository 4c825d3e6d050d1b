using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.EmergencyPlans;

/// <summary>
/// A plan started for one incident (at most one: unique in storage): the template's steps copied as tasks, so a later
/// edit of the template never changes a plan under way. Part of the incident's aggregate; the incident's methods change it.
/// </summary>
public sealed class EmergencyPlan : Entity
{
    public const int MaxExpectedLength = 30;
    public const int MaxSummaryLength = 500;

    private readonly List<PlanTask> _tasks = [];

    private EmergencyPlan(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private EmergencyPlan()
    {
    }

    public Guid IncidentId { get; private set; }

    public Guid TemplateId { get; private set; }

    /// <summary>The template's name when the plan started.</summary>
    public string Name { get; private set; } = null!;

    public string Kind { get; private set; } = null!;

    /// <summary>When service should be back, as staff told the residents (the notice's <c>{expected}</c>).</summary>
    public string? Expected { get; private set; }

    public string StartedBy { get; private set; } = null!;

    public DateTimeOffset StartedAt { get; private set; }

    public IReadOnlyList<PlanTask> Tasks => _tasks;

    /// <summary>Set when the incident closes with its summary; the plan is running until then.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public string? Summary { get; private set; }

    /// <summary>Incremented on every change: two people finishing tasks at once are settled by a retry.</summary>
    public int Version { get; private set; }

    public bool IsRunning => ClosedAt is null;

    public int FinishedCount => _tasks.Count(t => t.IsFinished);

    internal static EmergencyPlan Start(
        Guid incidentId, PlanTemplate template, IReadOnlyList<PlanAssignment> assignments, string? expected, string startedBy, DateTimeOffset now)
    {
        if (assignments.Count != template.Steps.Count)
        {
            throw new ArgumentException("One assignment per template step.", nameof(assignments));
        }

        var plan = new EmergencyPlan(Guid.CreateVersion7(now))
        {
            IncidentId = incidentId,
            TemplateId = template.Id,
            Name = template.Name,
            Kind = template.Kind,
            Expected = Text.Optional(expected, MaxExpectedLength, "plan.invalid", $"预计恢复时间不能超过{MaxExpectedLength}个字。"),
            StartedBy = startedBy,
            StartedAt = now,
            Version = 1,
        };
        for (var i = 0; i < template.Steps.Count; i++)
        {
            plan._tasks.Add(new PlanTask(i + 1, template.Steps[i], assignments[i], now));
        }

        return plan;
    }

    internal PlanTask Task(int number) =>
        _tasks.SingleOrDefault(t => t.Number == number) ?? throw new DomainException("plan_task.not_found", $"预案中没有任务 {number}。");

    internal void Touch() => Version++;

    /// <summary>Every task done or skipped, and a summary: the rule for closing an incident whose plan runs.</summary>
    internal string Close(string? summary, DateTimeOffset now)
    {
        var open = _tasks.Where(t => !t.IsFinished).Select(t => $"{t.Number}「{t.Title}」").ToList();
        if (open.Count > 0)
        {
            throw new DomainException("plan.tasks_open", $"预案还有未完成的任务：{string.Join("、", open)}。请完成或说明原因跳过后再关闭。");
        }

        Summary = Text.Optional(summary, MaxSummaryLength, "plan.invalid", $"总结不能超过{MaxSummaryLength}个字。")
            ?? throw new DomainException("plan.summary_required", "关闭启动了预案的事件需要填写处置总结。");
        ClosedAt = now;
        Version++;
        return Summary;
    }
}
