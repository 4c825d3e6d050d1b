using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Incidents;

/// <summary>
/// A new ticket with a known place queues its incident detection in the outbox, in the ticket's own transaction: the
/// detection then runs after the commit (it must see the reports committed around it), is retried if it fails, and a
/// failure can never cost the report itself.
/// </summary>
public sealed class DetectIncidentWhenRepairTicketOpened : DomainEventMapper<RepairTicketOpened>
{
    public const string Recipient = "incidents";

    protected override ValueTask<IReadOnlyList<OutboxItem>> MapAsync(RepairTicketOpened opened, IAppDbContext db, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<OutboxItem>>(opened.LocationId is null
            ? []
            : [new OutboxItem(OutboxChannel.IncidentCheck, Recipient, "incident-check:" + opened.TicketId.ToString("N"), new OutboxContent { Text = opened.TicketId.ToString("N") })]);
}
