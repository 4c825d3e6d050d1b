using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Domain.Sla;

/// <summary>
/// The record that one stage (Warning or Breached) of one clock of a ticket was notified. Its key is (ticket, clock,
/// stage): a second monitor inserting the same alert fails on the key, so each stage is notified exactly once even
/// with several monitors running at once, and after restarts.
/// </summary>
public sealed class SlaAlert
{
    public SlaAlert(Guid ticketId, SlaClockKind clock, SlaStage stage, DateTimeOffset notifiedAt)
    {
        if (stage is not (SlaStage.Warning or SlaStage.Breached))
        {
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "Only Warning and Breached are notified.");
        }

        TicketId = ticketId;
        Clock = clock;
        Stage = stage;
        NotifiedAt = notifiedAt;
    }

    public Guid TicketId { get; private set; }

    public SlaClockKind Clock { get; private set; }

    public SlaStage Stage { get; private set; }

    public DateTimeOffset NotifiedAt { get; private set; }
}
