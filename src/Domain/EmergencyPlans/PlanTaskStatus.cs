namespace WechatLogistics.Domain.EmergencyPlans;

/// <summary>Persisted by name: never rename.</summary>
public enum PlanTaskStatus
{
    Open = 1,
    Done = 2,

    /// <summary>Not needed this time, with the reason (e.g. 无需联系供水公司：校内管道问题).</summary>
    Skipped = 3,
}
