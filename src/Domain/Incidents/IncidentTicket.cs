namespace WechatLogistics.Domain.Incidents;

/// <summary>A report linked to an incident. A ticket belongs to at most one incident (unique in storage).</summary>
public sealed record IncidentTicket(Guid TicketId, DateTimeOffset ReportedAt, DateTimeOffset LinkedAt);
