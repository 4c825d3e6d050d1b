using System.Text;
using WechatLogistics.Domain.EmergencyPlans;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.EmergencyPlans;

/// <summary>
/// Each person a task's role resolved to gets one WeCom app message per task: the incident's building, the plan, the
/// task and its deadline (campus time). A task whose role nobody holds is on the plan and the admin page only.
/// </summary>
public sealed class NotifyStaffWhenEmergencyPlanStarted : DomainEventMapper<EmergencyPlanStarted>
{
    protected override async ValueTask<IReadOnlyList<OutboxItem>> MapAsync(EmergencyPlanStarted started, IAppDbContext db, CancellationToken ct)
    {
        var incident = await db.Incidents.FindAsync([started.IncidentId], ct);
        var building = incident is null ? null : await db.Locations.FindAsync([incident.BuildingId], ct);
        var items = new List<OutboxItem>();
        foreach (var task in started.Tasks)
        {
            var text = new StringBuilder()
                .Append("【应急预案】").Append(building?.Name ?? "").Append(started.PlanName).Append('\n')
                .Append("你的任务 ").Append(task.Number).Append("：").Append(task.Title).Append('\n')
                .Append(task.DueAt is { } due ? "期限：" + CampusTime.Short(due) + "\n" : "")
                .Append("完成后请在工作台标记完成，或说明原因跳过。")
                .ToString();
            var key = $"plan-task:{started.PlanId:N}:{task.Number}";
            items.AddRange(task.People.Select(person =>
                new OutboxItem(OutboxChannel.WeComApp, person, key, new OutboxContent { Title = "应急预案任务", Text = text })));
        }

        return items;
    }
}
