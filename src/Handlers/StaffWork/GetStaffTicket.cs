using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.StaffWork;

/// <summary>One ticket for staff, by number or id: the timeline, photos, the linked reports, and what the actor may do.</summary>
public sealed record GetStaffTicketQuery(string ActorUserId, string Ticket) : IQuery<StaffTicketDetails>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => StaffAccess.Validate(ActorUserId, Ticket);
}

/// <param name="DuplicateOf">The ticket this report repeats.</param>
/// <param name="Duplicates">Later reports of the same fault, linked to this one.</param>
/// <param name="Actions">What the actor may do now (the API's buttons, the chat's hints).</param>
public sealed record StaffTicketDetails(
    StaffTicketSummary Summary,
    string Description,
    IReadOnlyList<TicketPhoto> Photos,
    int Round,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? ResolvedAt,
    int? Rating,
    string? RatingComment,
    LinkedTicket? DuplicateOf,
    IReadOnlyList<LinkedTicket> Duplicates,
    IReadOnlyList<StaffTimelineItem> Timeline,
    IReadOnlyList<TicketAction> Actions);

public sealed record LinkedTicket(Guid Id, string Number, TicketStatus Status);

/// <param name="ActorId">The worker's or staff member's UserId; null for students (their OpenId stays private).</param>
public sealed record StaffTimelineItem(
    DateTimeOffset At, ActorKind ActorKind, string? ActorId, TicketTimelineAction Action, TicketStatus ToStatus, string? AssigneeId, string? Note);

public sealed class GetStaffTicketQueryHandler(IAppDbContext db, IMemoryCache cache, TimeProvider time)
    : IQueryHandler<GetStaffTicketQuery, StaffTicketDetails>
{
    private static readonly TicketAction[] DispatchActions = [TicketAction.Assign, TicketAction.Reject];
    private static readonly TicketAction[] WorkActions = [TicketAction.Accept, TicketAction.Refuse, TicketAction.Start, TicketAction.Resolve];

    public async ValueTask<StaffTicketDetails> Handle(GetStaffTicketQuery query, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, query.ActorUserId, ct);
        var ticket = await StaffAccess.Matching(db.RepairTickets.AsNoTracking().Include(t => t.Timeline), query.Ticket).SingleOrDefaultAsync(ct)
            ?? throw StaffAccess.TicketNotFound();
        actor.EnsureCanSee(ticket);

        var summary = (await StaffTicketViews.SummariesAsync(db, cache, [ticket], time.GetUtcNow(), ct))[0];
        var original = ticket.DuplicateOfId is { } originalId
            ? await db.RepairTickets.AsNoTracking().Where(t => t.Id == originalId).Select(t => new { t.Id, t.Number, t.Status }).SingleOrDefaultAsync(ct)
            : null;
        var duplicates = await db.RepairTickets.AsNoTracking().Where(t => t.DuplicateOfId == ticket.Id)
            .OrderBy(t => t.OpenedAt).Select(t => new { t.Id, t.Number, t.Status }).ToListAsync(ct);
        return new StaffTicketDetails(
            summary,
            ticket.Description,
            ticket.Photos,
            ticket.Round,
            ticket.FirstResponseAt,
            ticket.ResolvedAt,
            ticket.Rating,
            ticket.RatingComment,
            original is null ? null : new LinkedTicket(original.Id, original.Number.ToString(), original.Status),
            [.. duplicates.Select(d => new LinkedTicket(d.Id, d.Number.ToString(), d.Status))],
            [.. ticket.Timeline.OrderBy(e => e.At).ThenBy(e => e.Action).Select(e => new StaffTimelineItem(
                e.At, e.ActorKind, e.ActorKind == ActorKind.Student ? null : e.ActorId, e.Action, e.ToStatus, e.AssigneeId, e.Note))],
            ActionsFor(actor, ticket));
    }

    private static List<TicketAction> ActionsFor(StaffMember actor, RepairTicket ticket)
    {
        var mine = string.Equals(ticket.AssigneeId, actor.UserId, StringComparison.Ordinal);
        return
        [
            .. DispatchActions.Where(a => actor.IsDispatcher && RepairTicketLifecycle.Allowed(ticket.Status, a)),
            .. WorkActions.Where(a => (mine && RepairTicketLifecycle.Allowed(ticket.Status, a))
                || (a == TicketAction.Accept && actor.CanClaim(ticket) && RepairTicketLifecycle.Allowed(ticket.Status, TicketAction.Assign))),
        ];
    }
}
