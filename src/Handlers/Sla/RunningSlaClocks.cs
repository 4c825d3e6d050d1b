using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Sla;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Sla;

/// <summary>One running SLA clock of an open ticket, as the monitor and the warnings list see it.</summary>
public sealed record SlaClockView(
    Guid TicketId,
    string Number,
    TicketStatus Status,
    Priority Priority,
    Guid CategoryId,
    Guid? LocationId,
    string? LocationText,
    string? AssigneeId,
    SlaClockKind Clock,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt)
{
    /// <summary>Where the clock stands at <paramref name="now"/> (running, so OnTrack, Warning or Breached).</summary>
    public SlaStage StageAt(DateTimeOffset now, double warningRatio) => SlaClock.StageOf(OpenedAt, DueAt, null, now, warningRatio);
}

internal static class RunningSlaClocks
{
    /// <summary>
    /// The clocks still running — response until the first acceptance, resolution until resolved, both until the ticket
    /// closes (the domain's rules, <see cref="RepairTicket.ResponseStageAt"/>) — of the open tickets with a clock at its
    /// warning point or past it at <paramref name="now"/>. The database picks those tickets
    /// (<see cref="IAppDbContext.RepairTicketsPastSlaWarning"/>), so a backlog of tickets still on track is not read
    /// once a minute by every instance; the caller computes each clock's exact stage.
    /// </summary>
    public static async Task<List<SlaClockView>> LoadAsync(IAppDbContext db, DateTimeOffset now, double warningRatio, CancellationToken ct)
    {
        var open = await db.RepairTicketsPastSlaWarning(now, warningRatio).AsNoTracking()
            .Where(t => t.Status != TicketStatus.Confirmed && t.Status != TicketStatus.Cancelled && t.Status != TicketStatus.Rejected)
            .Select(t => new
            {
                t.Id, t.Number, t.Status, t.Priority, t.CategoryId, t.LocationId, t.LocationText, t.AssigneeId, t.OpenedAt,
                t.ResponseDueAt, t.ResolveDueAt, Responded = t.FirstResponseAt != null, Resolved = t.ResolvedAt != null,
            })
            .ToListAsync(ct);
        var clocks = new List<SlaClockView>(open.Count * 2);
        foreach (var t in open)
        {
            if (!t.Responded)
            {
                clocks.Add(new(t.Id, t.Number.ToString(), t.Status, t.Priority, t.CategoryId, t.LocationId, t.LocationText, t.AssigneeId, SlaClockKind.Response, t.OpenedAt, t.ResponseDueAt));
            }

            if (!t.Resolved)
            {
                clocks.Add(new(t.Id, t.Number.ToString(), t.Status, t.Priority, t.CategoryId, t.LocationId, t.LocationText, t.AssigneeId, SlaClockKind.Resolution, t.OpenedAt, t.ResolveDueAt));
            }
        }

        return clocks;
    }
}
