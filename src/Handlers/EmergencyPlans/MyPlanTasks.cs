using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.EmergencyPlans;

/// <summary>An open task of a running plan that the staff member holds (the WeCom chat's <c>任务</c>).</summary>
public sealed record MyPlanTask(Guid IncidentId, string Building, string PlanName, int Number, string Title, DateTimeOffset? DueAt);

public sealed record ListMyPlanTasksQuery(string UserId) : IQuery<IReadOnlyList<MyPlanTask>>;

/// <summary>
/// <c>完成任务 n 备注</c> from chat: task n of the one running plan where the member holds an open task n. When several
/// running plans have such a task, the member is told to finish it on the admin page (which names the incident).
/// </summary>
public sealed record CompleteMyPlanTaskCommand(string UserId, int Number, string? Note) : ICommand<MyPlanTask>;

public sealed class MyPlanTasksHandler(IAppDbContext db, ISender sender)
    : IQueryHandler<ListMyPlanTasksQuery, IReadOnlyList<MyPlanTask>>, ICommandHandler<CompleteMyPlanTaskCommand, MyPlanTask>
{
    public async ValueTask<IReadOnlyList<MyPlanTask>> Handle(ListMyPlanTasksQuery query, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, query.UserId, ct);
        var plans = await db.EmergencyPlans.AsNoTracking().Where(p => p.ClosedAt == null).OrderBy(p => p.StartedAt).ToListAsync(ct);
        var incidentIds = plans.Select(p => p.IncidentId).ToList();
        var buildings = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id))
            .Join(db.Locations, i => i.BuildingId, l => l.Id, (i, l) => new { i.Id, l.Name })
            .ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        return
        [
            .. plans.SelectMany(p => p.Tasks.Where(t => !t.IsFinished && t.IsHeldBy(actor)).OrderBy(t => t.Number)
                .Select(t => new MyPlanTask(p.IncidentId, buildings.GetValueOrDefault(p.IncidentId, ""), p.Name, t.Number, t.Title, t.DueAt))),
        ];
    }

    public async ValueTask<MyPlanTask> Handle(CompleteMyPlanTaskCommand command, CancellationToken ct)
    {
        var matching = (await Handle(new ListMyPlanTasksQuery(command.UserId), ct)).Where(t => t.Number == command.Number).ToList();
        var task = matching.Count switch
        {
            0 => throw new DomainException("plan_task.not_found", $"你没有待办的预案任务 {command.Number}。发送“任务”查看。"),
            1 => matching[0],
            _ => throw new DomainException("plan_task.ambiguous", $"有{matching.Count}个事件都有任务 {command.Number}，请在后勤管理后台完成。"),
        };
        await sender.Send(new CompletePlanTaskCommand(task.IncidentId, task.Number, command.UserId, command.Note), ct);
        return task;
    }
}
