namespace WechatLogistics.Domain.RepairTickets;

/// <summary>Where one SLA clock stands. Ordered by severity, so the worse of two stages is the larger.</summary>
public enum SlaStage
{
    /// <summary>The clock stopped (accepted / resolved / closed) no later than its due time.</summary>
    Met = 0,

    /// <summary>Running, less than the warning share of the time used.</summary>
    OnTrack = 1,

    /// <summary>Running, at least the warning share (80 % by default) used: time to warn (预警).</summary>
    Warning = 2,

    /// <summary>Running past its due time, or stopped after it: escalate.</summary>
    Breached = 3,
}
