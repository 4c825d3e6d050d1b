using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;
using WechatLogistics.Handlers.Students;

namespace WechatLogistics.Handlers.RepairTickets;

/// <summary>
/// A student's tickets, newest first, one page at a time (1-based <paramref name="Page"/>): those reported under any
/// OpenId of the same person (<see cref="StudentOpenIds"/>), so chat and mini-program show the same list.
/// </summary>
/// <param name="IncludeClosed">False: only tickets still in progress (not confirmed, cancelled or rejected).</param>
public sealed record ListMyRepairTicketsQuery(string ReporterOpenId, bool IncludeClosed = false, int Page = 1, int PageSize = 10)
    : IQuery<RepairTicketPage>, IValidatable
{
    public const int MaxPageSize = 50;

    /// <summary>Also count all matching tickets (<see cref="RepairTicketPage.Total"/>); the chat does without.</summary>
    public bool WithTotal { get; init; }

    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(ReporterOpenId), ReporterOpenId),
        .. InputRules.Paging(Page, PageSize, MaxPageSize),
    ];
}

/// <param name="Total">All matching tickets, when asked for (<see cref="ListMyRepairTicketsQuery.WithTotal"/>).</param>
public sealed record RepairTicketPage(IReadOnlyList<RepairTicketSummary> Items, int Page, int PageSize, bool HasMore, int? Total = null);

/// <param name="Category">"水 / 水龙头".</param>
/// <param name="Place">What the student confirmed ("东区学生公寓1号楼 302"), else the location's name.</param>
public sealed record RepairTicketSummary(
    Guid Id,
    string Number,
    Guid CategoryId,
    string Category,
    Guid? LocationId,
    string Place,
    TicketStatus Status,
    Priority Priority,
    DateTimeOffset OpenedAt);

/// <summary>
/// Reads only the tickets table (no timeline), in date order through an index seek; names come from the cached
/// reference data. In progress only (the default): the partial index of open tickets
/// (<c>IX_RepairTickets_ReporterOpenId_OpenedAt_InProgress</c>), so a student's closed history is never read; with
/// closed ones: (ReporterOpenId, OpenedAt).
/// </summary>
public sealed class ListMyRepairTicketsQueryHandler(IAppDbContext db, IMemoryCache cache)
    : IQueryHandler<ListMyRepairTicketsQuery, RepairTicketPage>
{
    public async ValueTask<RepairTicketPage> Handle(ListMyRepairTicketsQuery query, CancellationToken ct)
    {
        var openIds = await StudentOpenIds.OfAsync(db, query.ReporterOpenId, ct);
        // One OpenId (nobody linked) keeps the plain equality the index plans were checked with.
        var tickets = openIds.Count == 1
            ? db.RepairTickets.AsNoTracking().Where(t => t.ReporterOpenId == query.ReporterOpenId)
            : db.RepairTickets.AsNoTracking().Where(t => openIds.Contains(t.ReporterOpenId));
        if (!query.IncludeClosed)
        {
            // Spelled out rather than Contains over an array: plain comparisons on the converted (text) column. EF writes
            // them as "Status" NOT IN ('Confirmed', 'Cancelled', 'Rejected'), the partial index's filter word for word:
            // SQLite uses a partial index only when the query repeats its filter (RepairTicketConfiguration).
            tickets = tickets.Where(t =>
                t.Status != TicketStatus.Confirmed && t.Status != TicketStatus.Cancelled && t.Status != TicketStatus.Rejected);
        }

        // One extra row tells whether there is a next page without a COUNT over all the student's tickets.
        var rows = await tickets
            .OrderByDescending(t => t.OpenedAt)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize + 1)
            .Select(t => new { t.Id, t.Number, t.CategoryId, t.LocationId, t.LocationText, t.Status, t.Priority, t.OpenedAt })
            .ToListAsync(ct);

        int? total = query.WithTotal ? await tickets.CountAsync(ct) : null;
        var names = await TicketNames.LoadAsync(db, cache, rows.Select(r => r.CategoryId), ct);
        var items = rows.Take(query.PageSize)
            .Select(r => new RepairTicketSummary(
                r.Id, r.Number.ToString(), r.CategoryId, names.Category(r.CategoryId), r.LocationId,
                names.Locations.PlaceOf(r.LocationId, r.LocationText), r.Status, r.Priority, r.OpenedAt))
            .ToList();
        return new RepairTicketPage(items, query.Page, query.PageSize, rows.Count > query.PageSize, total);
    }
}
