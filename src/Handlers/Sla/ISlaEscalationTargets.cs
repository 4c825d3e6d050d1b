using Microsoft.Extensions.Options;

namespace WechatLogistics.Handlers.Sla;

/// <summary>The ticket an escalation is about, for choosing its supervisors.</summary>
public sealed record SlaTicketRef(Guid TicketId, Guid CategoryId, Guid? LocationId, string? AssigneeId);

/// <summary>
/// Who is told when a ticket breaches (or nears its limit with nobody assigned): WeCom UserIds. A seam: the default reads
/// <c>Sla:SupervisorUserIds</c>; a team-aware implementation (the dispatchers of the ticket's team) replaces it.
/// Scoped, so an implementation may read the database.
/// </summary>
public interface ISlaEscalationTargets
{
    ValueTask<IReadOnlyList<string>> SupervisorsAsync(SlaTicketRef ticket, CancellationToken ct);
}

public sealed class ConfiguredSlaEscalationTargets(IOptionsMonitor<SlaOptions> options) : ISlaEscalationTargets
{
    public ValueTask<IReadOnlyList<string>> SupervisorsAsync(SlaTicketRef ticket, CancellationToken ct) =>
        ValueTask.FromResult(options.CurrentValue.Supervisors);
}
