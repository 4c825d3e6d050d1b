using System.Globalization;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Notifications;

/// <summary>
/// Tells the student when their ticket is assigned, accepted, resolved or rejected: customer service while the 48-hour
/// window is open, else a subscribe notification if they have an acceptance left, else the in-app inbox (chosen by the
/// dispatcher at send time). Other changes (their own actions, a worker's refusal) are not notified.
/// </summary>
public sealed class NotifyStudentWhenRepairTicketStatusChanged(IOptionsMonitor<NotificationOptions> options)
    : DomainEventMapper<RepairTicketStatusChanged>
{
    protected override ValueTask<IReadOnlyList<OutboxItem>> MapAsync(RepairTicketStatusChanged changed, IAppDbContext db, CancellationToken ct)
    {
        var text = changed.Action switch
        {
            TicketAction.Assign => $"您的报修单 {changed.Number} 已派单，维修师傅接单后会尽快上门。",
            TicketAction.Accept => $"您的报修单 {changed.Number} 已被维修师傅接单，请保持电话畅通。",
            TicketAction.Resolve => $"您的报修单 {changed.Number} 已维修完成，请回复\"确认\"并评价；如未修好可申请返修。",
            TicketAction.Reject => $"很抱歉，您的报修单 {changed.Number} 未被受理：{changed.Note}",
            _ => null,
        };
        if (text is null)
        {
            return ValueTask.FromResult<IReadOnlyList<OutboxItem>>([]);
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"ticket:{changed.TicketId:N}:{changed.Action}:{changed.At.UtcTicks}");
        var item = StudentNotice.Create(
            options.CurrentValue, changed.ReporterOpenId, key, "报修进度", text, changed.Number, changed.To.Name(), changed.At,
            changed.Action == TicketAction.Reject ? changed.Note : null);
        return ValueTask.FromResult<IReadOnlyList<OutboxItem>>([item]);
    }
}
