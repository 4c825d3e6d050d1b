using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Domain.EmergencyPlans;

/// <summary>
/// One checklist step of a plan template: what to do, who does it and how soon. The responsible people are a role —
/// workers, dispatchers or admins — of <see cref="TeamId"/> (a named team, e.g. 水电班), or, when it is null, of the team
/// the incident's trade and building route to.
/// </summary>
/// <param name="DeadlineMinutes">Due this many minutes after the plan starts; null = no deadline.</param>
public sealed record PlanStep(string Title, StaffRole Role, Guid? TeamId, int? DeadlineMinutes)
{
    public const int MaxTitleLength = 40;

    /// <summary>A week: a step due later is not an emergency step.</summary>
    public const int MaxDeadlineMinutes = 7 * 24 * 60;
}
