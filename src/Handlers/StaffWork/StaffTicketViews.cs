using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.RepairTickets;

namespace WechatLogistics.Handlers.StaffWork;

/// <param name="Category">"水 / 水龙头".</param>
/// <param name="Overdue">Still being handled and past a due time (response not given in time, or not yet resolved).</param>
/// <param name="RecurringFault">The ticket's asset reached the recurring-fault threshold with it (重复报修预警).</param>
public sealed record StaffTicketSummary(
    Guid Id,
    string Number,
    Guid CategoryId,
    string Category,
    Guid? LocationId,
    string Place,
    TicketStatus Status,
    string StatusName,
    Priority Priority,
    DateTimeOffset OpenedAt,
    DateTimeOffset ResponseDueAt,
    DateTimeOffset ResolveDueAt,
    bool Overdue,
    Guid? TeamId,
    string? TeamName,
    string? AssigneeId,
    string? AssigneeName,
    Guid? DuplicateOfId,
    Guid? AssetId = null,
    bool RecurringFault = false);

/// <param name="Total">All matching tickets, for the pager.</param>
public sealed record StaffTicketPage(IReadOnlyList<StaffTicketSummary> Items, int Page, int PageSize, int Total);

/// <summary>The queries' shared parts: what a member may see, "overdue" as SQL, and the summary rows with names.</summary>
internal static class StaffTicketViews
{
    public const int MaxPageSize = 100;

    /// <summary>The member's scope, as a filter (the same rule as <see cref="StaffMember.Covers"/>).</summary>
    public static IQueryable<RepairTicket> VisibleTo(this IQueryable<RepairTicket> tickets, StaffMember member)
    {
        var me = member.UserId;
        var team = member.TeamId;
        return member.Role switch
        {
            StaffRole.Admin => tickets,
            StaffRole.Dispatcher when team is null => tickets,
            StaffRole.Dispatcher => tickets.Where(t => t.TeamId == team || t.TeamId == null || t.AssigneeId == me),
            _ => tickets.Where(t => t.TeamId == team || t.AssigneeId == me),
        };
    }

    public static IQueryable<RepairTicket> Overdue(this IQueryable<RepairTicket> tickets, DateTimeOffset now, bool overdue)
    {
        var handled = RepairTicketLifecycle.BeingHandled;
        return overdue
            ? tickets.Where(t => handled.Contains(t.Status) && ((t.FirstResponseAt == null && t.ResponseDueAt < now) || t.ResolveDueAt < now))
            : tickets.Where(t => !(handled.Contains(t.Status) && ((t.FirstResponseAt == null && t.ResponseDueAt < now) || t.ResolveDueAt < now)));
    }

    public static bool IsOverdue(RepairTicket t, DateTimeOffset now) =>
        RepairTicketLifecycle.IsBeingHandled(t.Status) && ((t.FirstResponseAt is null && t.ResponseDueAt < now) || t.ResolveDueAt < now);

    public static IEnumerable<ValidationError> ValidatePaging(int page, int pageSize) =>
    [
        .. InputRules.Unless(page >= 1, "Page", "页码从1开始。"),
        .. InputRules.Unless(pageSize is >= 1 and <= MaxPageSize, "PageSize", $"每页1到{MaxPageSize}条。"),
    ];

    /// <summary>One page of <paramref name="tickets"/> (already ordered) with the total and display names.</summary>
    public static async Task<StaffTicketPage> PageAsync(
        IAppDbContext db, IMemoryCache cache, IQueryable<RepairTicket> tickets, int page, int pageSize, DateTimeOffset now, CancellationToken ct)
    {
        var total = await tickets.CountAsync(ct);
        var rows = await tickets.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new StaffTicketPage(await SummariesAsync(db, cache, rows, now, ct), page, pageSize, total);
    }

    public static async Task<IReadOnlyList<StaffTicketSummary>> SummariesAsync(
        IAppDbContext db, IMemoryCache cache, IReadOnlyList<RepairTicket> rows, DateTimeOffset now, CancellationToken ct)
    {
        var names = await TicketNames.LoadAsync(db, cache, rows.Select(r => r.CategoryId), ct);
        var teamIds = rows.Select(r => r.TeamId).OfType<Guid>().Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var workerIds = rows.Select(r => r.AssigneeId).OfType<string>().Distinct().ToList();
        var workers = await db.StaffMembers.AsNoTracking().Where(s => workerIds.Contains(s.UserId))
            .ToDictionaryAsync(s => s.UserId, s => s.DisplayName, StringComparer.Ordinal, ct);
        return
        [
            .. rows.Select(t => new StaffTicketSummary(
                t.Id, t.Number.ToString(), t.CategoryId, names.Category(t.CategoryId), t.LocationId,
                names.Locations.PlaceOf(t.LocationId, t.LocationText), t.Status, t.Status.Name(), t.Priority, t.OpenedAt,
                t.ResponseDueAt, t.ResolveDueAt, IsOverdue(t, now),
                t.TeamId, t.TeamId is { } team ? teams.GetValueOrDefault(team) : null,
                t.AssigneeId, t.AssigneeId is { } worker ? workers.GetValueOrDefault(worker) : null,
                t.DuplicateOfId, t.AssetId, t.RecurringFault)),
        ];
    }
}
