using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.StaffWork;

/// <summary>我的工单: the tickets assigned to the actor, oldest first (work order). Closed ones only when asked.</summary>
public sealed record ListMyTicketsQuery(string ActorUserId, bool IncludeClosed = false, int Page = 1, int PageSize = 20)
    : IQuery<StaffTicketPage>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(ActorUserId), ActorUserId),
        .. StaffTicketViews.ValidatePaging(Page, PageSize),
    ];
}

/// <summary>待派工单: tickets waiting for a worker (new, refused, or reopened for rework) in the actor's scope, oldest first.</summary>
public sealed record ListUnassignedQuery(string ActorUserId, int Page = 1, int PageSize = 20) : IQuery<StaffTicketPage>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(ActorUserId), ActorUserId),
        .. StaffTicketViews.ValidatePaging(Page, PageSize),
    ];
}

public sealed class WorkQueuesHandler(IAppDbContext db, IMemoryCache cache, TimeProvider time)
    : IQueryHandler<ListMyTicketsQuery, StaffTicketPage>, IQueryHandler<ListUnassignedQuery, StaffTicketPage>
{
    public async ValueTask<StaffTicketPage> Handle(ListMyTicketsQuery query, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, query.ActorUserId, ct);
        var load = RepairTicketLifecycle.WorkerLoad;
        var tickets = db.RepairTickets.AsNoTracking().Where(t => t.AssigneeId == actor.UserId);
        if (!query.IncludeClosed)
        {
            tickets = tickets.Where(t => load.Contains(t.Status));
        }

        var ordered = tickets.OrderBy(t => t.OpenedAt).ThenBy(t => t.Id);
        return await StaffTicketViews.PageAsync(db, cache, ordered, query.Page, query.PageSize, time.GetUtcNow(), ct);
    }

    public async ValueTask<StaffTicketPage> Handle(ListUnassignedQuery query, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, query.ActorUserId, ct);
        var tickets = db.RepairTickets.AsNoTracking().VisibleTo(actor)
            .Where(t => t.Status == TicketStatus.Submitted || t.Status == TicketStatus.Reopened)
            .OrderBy(t => t.OpenedAt).ThenBy(t => t.Id);
        return await StaffTicketViews.PageAsync(db, cache, tickets, query.Page, query.PageSize, time.GetUtcNow(), ct);
    }
}
