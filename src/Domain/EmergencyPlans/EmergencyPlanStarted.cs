namespace WechatLogistics.Domain.EmergencyPlans;

/// <summary>A plan started for an incident; each task's people are told on WeCom.</summary>
public sealed record EmergencyPlanStarted(Guid IncidentId, Guid PlanId, string PlanName, IReadOnlyList<EmergencyPlanStarted.StartedTask> Tasks, DateTimeOffset At)
{
    public sealed record StartedTask(int Number, string Title, IReadOnlyList<string> People, DateTimeOffset? DueAt);
}
