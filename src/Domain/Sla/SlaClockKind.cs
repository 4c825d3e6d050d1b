namespace WechatLogistics.Domain.Sla;

/// <summary>The two SLA clocks of a ticket. Persisted by name: never rename.</summary>
public enum SlaClockKind
{
    /// <summary>From the report to the first acceptance (TTO).</summary>
    Response = 1,

    /// <summary>From the report to the repair (TTR).</summary>
    Resolution = 2,
}
