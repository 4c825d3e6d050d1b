using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Students;

namespace WechatLogistics.Handlers.RepairTickets;

/// <summary>
/// One of the requester's tickets with its timeline, by id or by the number they quote ("R20250903-0042"), reported
/// under any of the person's OpenIds. Another student's ticket is <c>ticket.not_found</c>, exactly like a missing one.
/// </summary>
public sealed record GetRepairTicketQuery(Guid? TicketId, string? Number, string RequesterOpenId)
    : IQuery<RepairTicketDetails>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(RequesterOpenId), RequesterOpenId),
        .. InputRules.Unless(
            TicketId is { } id ? id != Guid.Empty && Number is null : RepairTicketNumber.TryParse(Number, out _),
            nameof(Number),
            "请提供报修单号（如 R20250903-0042）。"),
    ];
}

/// <param name="StudentActions">What the student may do now: among Cancel, Confirm and Reopen.</param>
public sealed record RepairTicketDetails(
    RepairTicketSummary Summary,
    string Description,
    IReadOnlyList<TicketPhoto> Photos,
    int Round,
    DateTimeOffset ResponseDueAt,
    DateTimeOffset ResolveDueAt,
    int? Rating,
    string? RatingComment,
    IReadOnlyList<TicketTimelineItem> Timeline,
    IReadOnlyList<TicketAction> StudentActions);

public sealed record TicketTimelineItem(DateTimeOffset At, ActorKind ActorKind, TicketTimelineAction Action, TicketStatus ToStatus, string? Note);

public sealed class GetRepairTicketQueryHandler(IAppDbContext db, IMemoryCache cache)
    : IQueryHandler<GetRepairTicketQuery, RepairTicketDetails>
{
    private static readonly TicketAction[] StudentActions = [TicketAction.Cancel, TicketAction.Confirm, TicketAction.Reopen];

    public async ValueTask<RepairTicketDetails> Handle(GetRepairTicketQuery query, CancellationToken ct)
    {
        var openIds = await StudentOpenIds.OfAsync(db, query.RequesterOpenId, ct);
        var tickets = db.RepairTickets.AsNoTracking()
            .Include(t => t.Timeline)
            .Where(t => openIds.Contains(t.ReporterOpenId));
        if (query.TicketId is { } id)
        {
            tickets = tickets.Where(t => t.Id == id);
        }
        else
        {
            var number = RepairTicketNumber.Parse(query.Number!);
            tickets = tickets.Where(t => t.Number == number);
        }

        var ticket = await tickets.SingleOrDefaultAsync(ct) ?? throw OwnedTicket.NotFound();
        var names = await TicketNames.LoadAsync(db, cache, [ticket.CategoryId], ct);
        var summary = new RepairTicketSummary(
            ticket.Id, ticket.Number.ToString(), ticket.CategoryId, names.Category(ticket.CategoryId), ticket.LocationId,
            names.Locations.PlaceOf(ticket.LocationId, ticket.LocationText), ticket.Status, ticket.Priority, ticket.OpenedAt);
        return new RepairTicketDetails(
            summary,
            ticket.Description,
            ticket.Photos,
            ticket.Round,
            ticket.ResponseDueAt,
            ticket.ResolveDueAt,
            ticket.Rating,
            ticket.RatingComment,
            // In memory by time, then by the enum's lifecycle order: dispatch at opening (Opened, Assigned) and a claim
            // (Assigned, Accepted) write two entries at the same instant.
            [.. ticket.Timeline.OrderBy(e => e.At).ThenBy(e => e.Action).Select(e => new TicketTimelineItem(e.At, e.ActorKind, e.Action, e.ToStatus, e.Note))],
            [.. StudentActions.Where(a => RepairTicketLifecycle.Allowed(ticket.Status, a))]);
    }
}
