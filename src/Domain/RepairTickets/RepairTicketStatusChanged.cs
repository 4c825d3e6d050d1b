namespace WechatLogistics.Domain.RepairTickets;

/// <summary>
/// Raised by every action. <paramref name="AssigneeId"/> is the worker holding the ticket after the change
/// (null after a refusal; the refusing worker is the <paramref name="Actor"/>).
/// </summary>
public sealed record RepairTicketStatusChanged(
    Guid TicketId,
    string Number,
    string ReporterOpenId,
    string? AssigneeId,
    TicketAction Action,
    TicketStatus From,
    TicketStatus To,
    Actor Actor,
    string? Note,
    DateTimeOffset At);
