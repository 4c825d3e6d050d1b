namespace WechatLogistics.Domain.EmergencyPlans;

/// <summary>
/// Who a step's role resolved to when the plan started: the team it is for (the step's named team, or the team the
/// incident routes to) and that role's active members (WeCom UserIds), who are told of the task.
/// </summary>
public sealed record PlanAssignment(Guid? TeamId, IReadOnlyList<string> People);
