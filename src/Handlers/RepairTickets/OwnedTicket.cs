using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Students;

namespace WechatLogistics.Handlers.RepairTickets;

/// <summary>What a student's action on their ticket leaves behind.</summary>
public sealed record RepairTicketChangedResult(Guid TicketId, string Number, TicketStatus Status);

/// <summary>
/// The student's actions on their own ticket. Someone else's ticket is looked up exactly like a missing one
/// (<c>ticket.not_found</c>, a 404), so a stranger learns nothing — not even that the id exists. "Own" means reported
/// under any OpenId of the same person; the action is then taken as the reporter (the change gets the ticket).
/// </summary>
internal static class OwnedTicket
{
    // A worker acting on the same ticket at the same moment moves its Version: reload and decide again (the state
    // may now forbid the action, which the domain then reports). Two retries are plenty for one person's ticket.
    private const int MaxAttempts = 3;

    public static DomainException NotFound() => new("ticket.not_found", "没有找到这张报修单。");

    public static async ValueTask<RepairTicketChangedResult> ChangeAsync(
        IAppDbContext db, Guid ticketId, string reporterOpenId, Action<RepairTicket> change, CancellationToken ct)
    {
        var openIds = await StudentOpenIds.OfAsync(db, reporterOpenId, ct);
        for (var attempt = 1; ; attempt++)
        {
            var ticket = await db.RepairTickets.SingleOrDefaultAsync(t => t.Id == ticketId && openIds.Contains(t.ReporterOpenId), ct)
                ?? throw NotFound();
            change(ticket);
            try
            {
                await db.SaveChangesAsync(ct);
                return new RepairTicketChangedResult(ticket.Id, ticket.Number.ToString(), ticket.Status);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public static IEnumerable<ValidationError> ValidateTarget(Guid ticketId, string? reporterOpenId) =>
    [
        .. InputRules.Unless(ticketId != Guid.Empty, "TicketId", "请选择报修单。"),
        .. InputRules.UserId("ReporterOpenId", reporterOpenId),
    ];
}
