using System.Globalization;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Notifications;

/// <summary>
/// The worker a ticket is assigned to (by dispatch, a dispatcher, or a reassignment) gets a WeCom app message with the
/// gist and the chat command to accept. Claiming a ticket oneself (接单 from the queue) sends nothing.
/// </summary>
public sealed class NotifyWorkerWhenRepairTicketAssigned : DomainEventMapper<RepairTicketStatusChanged>
{
    protected override async ValueTask<IReadOnlyList<OutboxItem>> MapAsync(RepairTicketStatusChanged changed, IAppDbContext db, CancellationToken ct)
    {
        if (changed.Action != TicketAction.Assign || changed.AssigneeId is not { } worker || changed.Actor.Id == worker)
        {
            return [];
        }

        var ticket = await db.RepairTickets.FindAsync([changed.TicketId], ct);
        var location = ticket?.LocationId is { } locationId ? await db.Locations.FindAsync([locationId], ct) : null;
        var category = ticket is null ? null : await db.RepairCategories.FindAsync([ticket.CategoryId], ct);
        var place = ticket?.LocationText ?? location?.Name ?? "未填写";
        var text = $"新派工单 {changed.Number}\n类别：{category?.Name ?? "未知"}\n地点：{place}\n描述：{StudentNotice.Cut(ticket?.Description ?? "", 60)}\n" +
            $"回复“接单 {changed.Number}”接单，或“退单 {changed.Number} 原因”退回。";
        var key = string.Create(CultureInfo.InvariantCulture, $"ticket-assigned:{changed.TicketId:N}:{changed.At.UtcTicks}");
        // In a digest (many assignments at once outrunning the member's 30 messages a minute): one line each.
        var summary = $"新派工单 {changed.Number} {StudentNotice.SummaryPlace(place)} · {category?.Name ?? "未知"}";
        return [new OutboxItem(OutboxChannel.WeComApp, worker, key, new OutboxContent { Title = "新派工单", Text = text, Summary = summary })];
    }
}
