using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.StaffWork;

/// <summary>
/// The staff ticket queue, newest first, within the actor's scope. Filters combine (AND); a top-level category
/// includes its leaves, a building includes its floors and rooms.
/// </summary>
public sealed record ListTicketQueueQuery(
    string ActorUserId,
    TicketStatus? Status = null,
    Guid? CategoryId = null,
    Guid? BuildingId = null,
    Guid? TeamId = null,
    string? AssigneeId = null,
    bool? Overdue = null,
    int Page = 1,
    int PageSize = 20) : IQuery<StaffTicketPage>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(ActorUserId), ActorUserId),
        .. InputRules.Unless(Status is null || Enum.IsDefined(Status.Value), nameof(Status), "状态不正确。"),
        .. InputRules.Optional(nameof(AssigneeId), AssigneeId, 64, "维修人员"),
        .. StaffTicketViews.ValidatePaging(Page, PageSize),
    ];
}

public sealed class ListTicketQueueQueryHandler(IAppDbContext db, IMemoryCache cache, TimeProvider time)
    : IQueryHandler<ListTicketQueueQuery, StaffTicketPage>
{
    public async ValueTask<StaffTicketPage> Handle(ListTicketQueueQuery query, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, query.ActorUserId, ct);
        var now = time.GetUtcNow();
        var tickets = db.RepairTickets.AsNoTracking().VisibleTo(actor);
        if (query.Status is { } status)
        {
            tickets = tickets.Where(t => t.Status == status);
        }

        if (query.CategoryId is { } categoryId)
        {
            var categories = await db.RepairCategories.Where(c => c.Id == categoryId || c.ParentId == categoryId).Select(c => c.Id).ToListAsync(ct);
            tickets = tickets.Where(t => categories.Contains(t.CategoryId));
        }

        if (query.BuildingId is { } buildingId)
        {
            var places = await PlacesInAsync(buildingId, ct);
            tickets = tickets.Where(t => t.LocationId != null && places.Contains(t.LocationId.Value));
        }

        if (query.TeamId is { } teamId)
        {
            tickets = tickets.Where(t => t.TeamId == teamId);
        }

        if (!string.IsNullOrWhiteSpace(query.AssigneeId))
        {
            var assignee = query.AssigneeId.Trim();
            tickets = tickets.Where(t => t.AssigneeId == assignee);
        }

        if (query.Overdue is { } overdue)
        {
            tickets = tickets.Overdue(now, overdue);
        }

        var ordered = tickets.OrderByDescending(t => t.OpenedAt).ThenByDescending(t => t.Id);
        return await StaffTicketViews.PageAsync(db, cache, ordered, query.Page, query.PageSize, now, ct);
    }

    /// <summary>The building and everything under it (floors, rooms): three levels at most.</summary>
    private async Task<List<Guid>> PlacesInAsync(Guid buildingId, CancellationToken ct)
    {
        var all = new List<Guid> { buildingId };
        List<Guid> level = [buildingId];
        for (var depth = 0; depth < 3 && level.Count > 0; depth++)
        {
            var parents = level;
            level = await db.Locations.Where(l => l.ParentId != null && parents.Contains(l.ParentId.Value)).Select(l => l.Id).ToListAsync(ct);
            all.AddRange(level);
        }

        return all;
    }
}
