namespace WechatLogistics.Handlers.EmergencyPlans;

/// <summary>Emergency plans, section <c>Plans</c>.</summary>
public sealed class PlanOptions
{
    public const string Section = "Plans";

    /// <summary>
    /// When the early-warning monitor opens an incident whose trade has an active template marked auto-start, start it at
    /// once (actor <c>system</c>). Off by default: the office decides per incident.
    /// </summary>
    public bool AutoStart { get; set; }
}
