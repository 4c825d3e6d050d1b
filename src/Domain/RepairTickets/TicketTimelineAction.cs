namespace WechatLogistics.Domain.RepairTickets;

/// <summary>
/// What a timeline entry records. Past tense, and wider than <see cref="TicketAction"/>: opening the ticket
/// is on the timeline but is not an action on an existing ticket. Persisted: never renumber.
/// </summary>
public enum TicketTimelineAction
{
    Opened = 0,
    Assigned = 1,
    Accepted = 2,
    Refused = 3,
    Started = 4,
    Resolved = 5,
    Confirmed = 6,
    Cancelled = 7,
    Rejected = 8,
    Reopened = 9,
}
