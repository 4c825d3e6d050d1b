namespace WechatLogistics.Domain.RepairTickets;

/// <summary>What someone can do to an existing ticket; one <see cref="RepairTicket"/> method each.</summary>
public enum TicketAction
{
    Assign = 1,
    Accept = 2,
    Refuse = 3,
    Start = 4,
    Resolve = 5,
    Confirm = 6,
    Cancel = 7,
    Reject = 8,
    Reopen = 9,
}
