namespace WechatLogistics.Domain.Incidents;

/// <param name="CategoryId">The top-level category (水, 电, …).</param>
public sealed record IncidentOpened(Guid IncidentId, Guid CategoryId, Guid BuildingId, IReadOnlyList<Guid> TicketIds, DateTimeOffset At);
