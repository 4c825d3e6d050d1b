namespace WechatLogistics.Domain.RepairTickets;

/// <summary>
/// The ticket state machine as data: tests iterate every (status, action) pair, and the UI shows only the
/// allowed actions. <see cref="RepairTicket"/> consults this table before every change.
/// </summary>
/// <remarks>
/// Rework: Resolved --Reopen--> Reopened --Assign--> Assigned --Accept--> Accepted. A reopened ticket goes
/// back to the dispatcher, not straight to the last worker: the dispatcher sees every rework (a quality
/// KPI) and picks the same worker or another one, who then accepts the new round like any assignment.
/// </remarks>
public static class RepairTicketLifecycle
{
    private static readonly Dictionary<(TicketStatus, TicketAction), TicketStatus> Transitions = new()
    {
        [(TicketStatus.Submitted, TicketAction.Assign)] = TicketStatus.Assigned,
        [(TicketStatus.Submitted, TicketAction.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Submitted, TicketAction.Reject)] = TicketStatus.Rejected,

        // Re-dispatch before the worker has accepted.
        [(TicketStatus.Assigned, TicketAction.Assign)] = TicketStatus.Assigned,
        [(TicketStatus.Assigned, TicketAction.Accept)] = TicketStatus.Accepted,
        // 拒单: the worker releases the ticket back to the dispatcher (anchors §1.1).
        [(TicketStatus.Assigned, TicketAction.Refuse)] = TicketStatus.Submitted,
        [(TicketStatus.Assigned, TicketAction.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Assigned, TicketAction.Reject)] = TicketStatus.Rejected,

        [(TicketStatus.Accepted, TicketAction.Start)] = TicketStatus.InProgress,
        [(TicketStatus.Accepted, TicketAction.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Accepted, TicketAction.Reject)] = TicketStatus.Rejected,

        [(TicketStatus.InProgress, TicketAction.Resolve)] = TicketStatus.Resolved,

        [(TicketStatus.Resolved, TicketAction.Confirm)] = TicketStatus.Confirmed,
        [(TicketStatus.Resolved, TicketAction.Reopen)] = TicketStatus.Reopened,

        [(TicketStatus.Reopened, TicketAction.Assign)] = TicketStatus.Assigned,
    };

    public static bool Allowed(TicketStatus status, TicketAction action) =>
        Transitions.ContainsKey((status, action));

    /// <summary>The status <paramref name="action"/> leads to, or null when it is not allowed.</summary>
    public static TicketStatus? TargetOf(TicketStatus status, TicketAction action) =>
        Transitions.TryGetValue((status, action), out var target) ? target : null;

    public static IReadOnlyList<TicketAction> AllowedActions(TicketStatus status) =>
        [.. Enum.GetValues<TicketAction>().Where(action => Allowed(status, action))];

    /// <summary>Tickets someone has to work on: a new report of the same fault is a duplicate of one of these.</summary>
    public static readonly IReadOnlyList<TicketStatus> BeingHandled =
        [TicketStatus.Submitted, TicketStatus.Assigned, TicketStatus.Accepted, TicketStatus.InProgress, TicketStatus.Reopened];

    /// <summary>A worker's load: tickets assigned to them and not yet resolved.</summary>
    public static readonly IReadOnlyList<TicketStatus> WorkerLoad = [TicketStatus.Assigned, TicketStatus.Accepted, TicketStatus.InProgress];

    public static bool IsBeingHandled(TicketStatus status) => BeingHandled.Contains(status);

    /// <summary>Confirmed, Cancelled and Rejected accept no further action.</summary>
    public static bool IsTerminal(TicketStatus status) => AllowedActions(status).Count == 0;
}
