namespace WechatLogistics.Domain.RepairTickets;

/// <summary>Ticket priority; the numeric order sorts the most urgent first. Persisted: never renumber.</summary>
public enum Priority
{
    Urgent = 1,
    Normal = 2,
    Low = 3,
}
