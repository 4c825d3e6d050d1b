namespace WechatLogistics.Domain.RepairTickets;

/// <summary>The Chinese words students and workers see for statuses and actions.</summary>
public static class TicketTexts
{
    public static string Name(this TicketStatus status) => status switch
    {
        TicketStatus.Submitted => "待派单",
        TicketStatus.Assigned => "已派单",
        TicketStatus.Accepted => "已接单",
        TicketStatus.InProgress => "维修中",
        TicketStatus.Resolved => "待确认",
        TicketStatus.Confirmed => "已完成",
        TicketStatus.Cancelled => "已取消",
        TicketStatus.Rejected => "已驳回",
        TicketStatus.Reopened => "返修待派单",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Name(this TicketAction action) => action switch
    {
        TicketAction.Assign => "派单",
        TicketAction.Accept => "接单",
        TicketAction.Refuse => "拒单",
        TicketAction.Start => "开始维修",
        TicketAction.Resolve => "完成维修",
        TicketAction.Confirm => "确认完成",
        TicketAction.Cancel => "取消",
        TicketAction.Reject => "驳回",
        TicketAction.Reopen => "申请返修",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
