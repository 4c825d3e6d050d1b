namespace WechatLogistics.Domain.RepairTickets;

public sealed record RepairTicketOpened(
    Guid TicketId,
    string Number,
    string ReporterOpenId,
    Guid CategoryId,
    Guid? LocationId,
    Priority Priority,
    DateTimeOffset At);
