using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Notifications;

namespace WechatLogistics.Handlers.Incidents;

/// <summary>
/// A new incident is posted once to the maintenance group of its trade by the WeCom robot (the route of the trade's
/// code in <c>Maintenance:RobotKeys</c>, else the default), with the linked reports and the next step.
/// </summary>
public sealed class AlertStaffWhenIncidentOpened(IOptionsMonitor<MaintenanceOptions> maintenance) : DomainEventMapper<IncidentOpened>
{
    private const int ListedNumbers = 5;

    protected override async ValueTask<IReadOnlyList<OutboxItem>> MapAsync(IncidentOpened opened, IAppDbContext db, CancellationToken ct)
    {
        var category = await db.RepairCategories.FindAsync([opened.CategoryId], ct);
        var building = await db.Locations.FindAsync([opened.BuildingId], ct);
        var numbers = await db.RepairTickets.AsNoTracking()
            .Where(t => opened.TicketIds.Contains(t.Id))
            .OrderBy(t => t.OpenedAt)
            .Select(t => t.Number)
            .ToListAsync(ct);
        var listed = string.Join("、", numbers.Take(ListedNumbers).Select(n => n.ToString())) + (numbers.Count > ListedNumbers ? " 等" : "");
        var markdown = new StringBuilder()
            .Append("**<font color=\"warning\">预警</font> ").Append(building?.Name ?? "某楼栋").Append(" 短时间内").Append(opened.TicketIds.Count)
            .Append("起「").Append(category?.Name ?? "同类").Append("」报修**\n")
            .Append("> 报修单：").Append(listed).Append('\n')
            .Append("> 请核查是否为同一故障；可在工作台一键通知该楼住户。")
            .ToString();
        var route = maintenance.CurrentValue.RouteFor(category?.Code);
        return [new OutboxItem(OutboxChannel.WeComRobot, route, "incident-opened:" + opened.IncidentId.ToString("N"), new OutboxContent { Text = markdown })];
    }
}
