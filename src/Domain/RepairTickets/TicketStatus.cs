namespace WechatLogistics.Domain.RepairTickets;

/// <summary>Where a repair ticket stands. Values are persisted: never renumber.</summary>
public enum TicketStatus
{
    Submitted = 1,
    Assigned = 2,
    Accepted = 3,
    InProgress = 4,
    Resolved = 5,
    Confirmed = 6,
    Cancelled = 7,
    Rejected = 8,
    Reopened = 9,
}
