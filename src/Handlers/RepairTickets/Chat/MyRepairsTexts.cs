using System.Text;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.RepairTickets.Chat;

/// <summary>What 我的报修 says: the list, one ticket's progress, and the action lines.</summary>
internal static class MyRepairsTexts
{
    public const string NoTickets = "您目前没有进行中的报修。需要报修请回复“报修”，几步就能提交～";

    public const string ListHelp = "回复报修单前面的序号，查看进度、撤销、确认维修或申请返修。";

    public const string NothingListed = "当前没有进行中的报修了，回复“取消”退出。";

    public const string TicketHelp = "回复操作前面的数字办理；回复“返回”回到报修列表。";

    public const string NothingToDo = "这张报修单目前不需要您操作，请回复“返回”查看其他报修。";

    public const string CancelHelp = "回复“确认”撤销这张报修单；不想撤销就回复“返回”。";

    public const string CancelExpected = "请回复“确认”撤销，或回复“返回”。";

    public const string RatingPrompt = "请为这次维修打分：回复1到5（5分最满意）。";

    public const string RatingHelp = "1分很不满意，5分非常满意，回复一个数字即可。";

    public const string RatingExpected = "请回复1到5之间的数字。";

    public const string CommentHelp = "写下对这次维修的评价（500字以内），或回复“跳过”直接提交。";

    public const string ReopenPrompt = "请说明哪里还没修好（500字以内），我们会安排重新维修：";

    public const string ReopenHelp = "描述一下现在的情况，例如“水龙头还是在滴水”，维修师傅会再来处理。";

    public const string NoteMissing = "请用文字写一下。";

    public const string SeeLatest = "\n回复“我的报修”查看最新状态。";

    public static string List(IReadOnlyList<RepairTicketSummary> tickets, bool more)
    {
        var text = new StringBuilder("您进行中的报修：\n");
        for (var i = 0; i < tickets.Count; i++)
        {
            var t = tickets[i];
            text.Append(i + 1).Append(". ").Append(t.Number).Append(' ').Append(t.Category).Append('\n')
                .Append("   ").Append(t.Place).Append(" · ").Append(t.Status.Name()).Append(" · ").Append(CampusTime.Short(t.OpenedAt)).Append('\n');
        }

        if (more)
        {
            text.Append("（仅显示最近").Append(tickets.Count).Append("张）\n");
        }

        return text.Append("回复序号查看详情。").ToString();
    }

    public static string Details(RepairTicketDetails ticket)
    {
        var s = ticket.Summary;
        var text = new StringBuilder()
            .Append("报修单 ").Append(s.Number).Append("（").Append(s.Status.Name()).Append("）\n")
            .Append("类别：").Append(s.Category).Append('\n')
            .Append("地点：").Append(s.Place).Append('\n')
            .Append("描述：").Append(ChatText.Shorten(ticket.Description, 60)).Append('\n')
            .Append("进度：");
        foreach (var entry in ticket.Timeline)
        {
            text.Append('\n').Append(CampusTime.Short(entry.At)).Append(' ').Append(Progress(entry.Action));
            if (entry.Note is { } note && entry.Action is TicketTimelineAction.Resolved or TicketTimelineAction.Rejected or TicketTimelineAction.Reopened)
            {
                text.Append("：").Append(ChatText.Shorten(note, 40));
            }
        }

        if (ticket.StudentActions.Count == 0)
        {
            return text.Append("\n目前不需要您操作，维修进展会记录在这里。").ToString();
        }

        text.Append("\n您可以回复：");
        for (var i = 0; i < ticket.StudentActions.Count; i++)
        {
            text.Append('\n').Append(i + 1).Append(". ").Append(ActionLabel(ticket.StudentActions[i]));
        }

        return text.ToString();
    }

    public static string ActionLabel(TicketAction action) => action switch
    {
        TicketAction.Cancel => "撤销报修",
        TicketAction.Confirm => "已修好，确认并评价",
        TicketAction.Reopen => "未修好，申请返修",
        _ => action.Name(),
    };

    public static string CancelPrompt(string? number) => $"确定撤销报修单 {number} 吗？回复“确认”撤销。";

    public static string CommentPrompt(int rating) => rating <= 2
        ? "很抱歉这次没让您满意，能说说原因吗？我们会改进。（回复“跳过”直接提交）"
        : "还有什么想对维修师傅说的吗？回复“跳过”直接提交。";

    public static string NoteTooLong(int length, int max) => $"内容有点长（{length}字），请精简到{max}字以内。";

    public static string Cancelled(string number) => $"已撤销报修单 {number}。如需再次报修请回复“报修”。";

    public static string Confirmed(string number) => $"感谢您的评价！报修单 {number} 已完成。";

    public static string Reopened(string number) => $"已为报修单 {number} 申请返修，我们会尽快重新安排维修。";

    private static string Progress(TicketTimelineAction action) => action switch
    {
        TicketTimelineAction.Opened => "提交报修",
        TicketTimelineAction.Assigned => "已派单",
        TicketTimelineAction.Accepted => "维修人员已接单",
        TicketTimelineAction.Refused => "重新派单中",
        TicketTimelineAction.Started => "开始维修",
        TicketTimelineAction.Resolved => "维修完成，待您确认",
        TicketTimelineAction.Confirmed => "已确认完成",
        TicketTimelineAction.Cancelled => "已撤销",
        TicketTimelineAction.Rejected => "已驳回",
        TicketTimelineAction.Reopened => "申请返修",
        _ => action.ToString(),
    };
}
