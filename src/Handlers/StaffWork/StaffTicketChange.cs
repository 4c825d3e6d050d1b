using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.StaffWork;

/// <summary>
/// What a staff action leaves behind, with <see cref="Message"/>: the short sentence a chat reply or a toast shows.
/// </summary>
public sealed record StaffTicketChangedResult(
    Guid TicketId,
    string Number,
    TicketStatus Status,
    string StatusName,
    string? AssigneeId,
    string? AssigneeName,
    string Message);

/// <summary>
/// Load actor and ticket, let the action check the rules and change the ticket, save once. A concurrent change (the
/// student cancelling, another dispatcher) moves the ticket's Version: reload and decide again on the current state.
/// </summary>
internal static class StaffTicketChange
{
    private const int MaxAttempts = 3;

    public delegate string Change(StaffMember actor, RepairTicket ticket);

    public static async ValueTask<StaffTicketChangedResult> RunAsync(
        IAppDbContext db, string actorUserId, string reference, Change change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var actor = await StaffAccess.ActorAsync(db, actorUserId, ct);
            var ticket = await StaffAccess.TicketAsync(db, reference, ct);
            var message = change(actor, ticket);
            try
            {
                await db.SaveChangesAsync(ct);
                var assigneeName = ticket.AssigneeId is null ? null
                    : await db.StaffMembers.AsNoTracking().Where(s => s.UserId == ticket.AssigneeId).Select(s => s.DisplayName).SingleOrDefaultAsync(ct);
                return new StaffTicketChangedResult(
                    ticket.Id, ticket.Number.ToString(), ticket.Status, ticket.Status.Name(), ticket.AssigneeId, assigneeName, message);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>How the actor appears on the timeline: workers as workers, dispatchers and admins as office staff.</summary>
    public static Actor TimelineActor(StaffMember member) =>
        member.Role == StaffRole.Worker ? Actor.Worker(member.UserId) : Actor.Staff(member.UserId);
}
