namespace WechatLogistics.Domain.RepairTickets;

/// <summary>Who acted. Persisted: never renumber.</summary>
public enum ActorKind
{
    /// <summary>Automatic routing, SLA scans and other jobs (anchors §1.1: SLA events have no person).</summary>
    System = 0,
    Student = 1,
    Worker = 2,
    Staff = 3,
}
