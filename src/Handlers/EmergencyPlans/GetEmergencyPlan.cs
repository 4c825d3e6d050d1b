using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Incidents;

namespace WechatLogistics.Handlers.EmergencyPlans;

public sealed record GetEmergencyPlanQuery(Guid IncidentId) : IQuery<EmergencyPlanView>;

/// <summary>An incident's history, oldest first: opened, announced, the plan's start, every task, the close with its summary.</summary>
public sealed record GetIncidentTimelineQuery(Guid IncidentId) : IQuery<IReadOnlyList<IncidentTimelineView>>;

public sealed class EmergencyPlanQueriesHandler(IAppDbContext db)
    : IQueryHandler<GetEmergencyPlanQuery, EmergencyPlanView>, IQueryHandler<GetIncidentTimelineQuery, IReadOnlyList<IncidentTimelineView>>
{
    public async ValueTask<EmergencyPlanView> Handle(GetEmergencyPlanQuery query, CancellationToken ct)
    {
        await IncidentViews.LoadAsync(db, query.IncidentId, ct);
        var plan = await db.EmergencyPlans.AsNoTracking().SingleOrDefaultAsync(p => p.IncidentId == query.IncidentId, ct) ?? throw EmergencyPlanViews.NotFound();
        return await EmergencyPlanViews.ViewAsync(db, plan, ct);
    }

    public async ValueTask<IReadOnlyList<IncidentTimelineView>> Handle(GetIncidentTimelineQuery query, CancellationToken ct)
    {
        await IncidentViews.LoadAsync(db, query.IncidentId, ct);
        var entries = await db.Incidents.AsNoTracking().Where(i => i.Id == query.IncidentId).SelectMany(i => i.Timeline).ToListAsync(ct);
        var names = await EmergencyPlanViews.NamesAsync(db, [.. entries.Select(e => e.ActorId).Distinct()], ct);
        return
        [
            .. entries.OrderBy(e => e.At).ThenBy(e => LifecycleRank(e.Action)).ThenBy(e => e.TaskNumber).ThenBy(e => e.Id)
                .Select(e => new IncidentTimelineView(e.At, e.ActorId, names.GetValueOrDefault(e.ActorId, e.ActorId == Incident.SystemActor ? "系统" : e.ActorId), e.Action, e.TaskNumber, e.Note)),
        ];
    }

    /// <summary>Entries of one instant (a fast clock, a test's fake one) in the order they can happen.</summary>
    private static int LifecycleRank(IncidentTimelineAction action) => action switch
    {
        IncidentTimelineAction.Opened => 0,
        IncidentTimelineAction.PlanStarted => 1,
        IncidentTimelineAction.Announced => 2,
        IncidentTimelineAction.Closed => 4,
        _ => 3,
    };
}
