using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Announcements;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.EmergencyPlans;
using WechatLogistics.Handlers.DepartmentRequests.Chat;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.StaffChat;

/// <summary>
/// One message a staff member sent to the WeCom app. Staff commands are one line each, so there is no session: the
/// line is parsed and sent as the same Mediator command the staff API uses.
/// </summary>
public sealed record HandleStaffChatMessageCommand(ChatInput Input) : ICommand<ChatReply>;

/// <summary>
/// Parses the line (<see cref="StaffCommandParser"/>) and sends the matching StaffWork command or query — the ones
/// the staff API sends — with the sender's WeCom UserId as the actor, so chat and API enforce the same rules. Every
/// refusal (not staff, not your ticket, wrong state) comes back as its own short Chinese sentence.
/// </summary>
public sealed class HandleStaffChatMessageCommandHandler(
    ISender sender, IAppDbContext db, TimeProvider time, ILogger<HandleStaffChatMessageCommandHandler> logger)
    : ICommandHandler<HandleStaffChatMessageCommand, ChatReply>
{
    /// <summary>WeCom shows at most 2048 bytes of a text reply; a list stops well before.</summary>
    public const int MaxListed = 10;

    public async ValueTask<ChatReply> Handle(HandleStaffChatMessageCommand command, CancellationToken ct)
    {
        var input = command.Input;
        switch (input.Kind)
        {
            case ChatInputKind.Subscribe:
                return ChatReply.Text(StaffChatTexts.Help);
            case not ChatInputKind.Text:
                // enter_agent (opening the app), location reports, pictures: nothing to say.
                return ChatReply.None;
        }

        // 待审批 / 审批 D… (department requests) first: their numbers are not tickets'.
        var approval = ApprovalChatCommand.Parse(input.Text);
        StaffCommand? parsed = null;
        if (approval is null)
        {
            (parsed, var error) = StaffCommandParser.Parse(input.Text);
            if (parsed is null)
            {
                return ChatReply.Text(error!.Message);
            }
        }

        try
        {
            return ChatReply.Text(approval is null ? await RunAsync(input.UserId, parsed!, ct) : await approval.RunAsync(sender, input.UserId, ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not staff, not your ticket, wrong state: each refusal is its own short sentence (as in students' chat).
            return ChatFailures.ReplyFor(ex, logger, approval is null ? parsed!.Verb.ToString() : "Approval");
        }
    }

    private async Task<string> RunAsync(string user, StaffCommand command, CancellationToken ct)
    {
        var ticket = command.Ticket?.ToString() ?? "";
        var argument = command.Argument ?? "";
        return command.Verb switch
        {
            StaffVerb.Help => StaffChatTexts.Help,
            StaffVerb.Accept => (await sender.Send(new AcceptTicketCommand(user, ticket), ct)).Message,
            StaffVerb.Start => (await sender.Send(new StartTicketCommand(user, ticket), ct)).Message,
            StaffVerb.Resolve => (await sender.Send(new ResolveTicketCommand(user, ticket, command.Argument), ct)).Message,
            StaffVerb.Refuse => (await sender.Send(new RefuseTicketCommand(user, ticket, argument), ct)).Message,
            StaffVerb.Reject => (await sender.Send(new RejectTicketCommand(user, ticket, argument), ct)).Message,
            StaffVerb.Assign => (await sender.Send(new AssignTicketCommand(user, ticket, argument), ct)).Message,
            StaffVerb.Reassign => (await sender.Send(new ReassignTicketCommand(user, ticket, argument), ct)).Message,
            StaffVerb.Detail => Describe(await sender.Send(new GetStaffTicketQuery(user, ticket), ct)),
            StaffVerb.MyTickets => List("派给你的进行中工单", StaffChatTexts.NoneMine, await sender.Send(new ListMyTicketsQuery(user, PageSize: MaxListed), ct)),
            StaffVerb.Unassigned => List("待派工单", StaffChatTexts.NoneUnassigned, await sender.Send(new ListUnassignedQuery(user, PageSize: MaxListed), ct)),
            StaffVerb.Announce => await AnnounceAsync(user, argument, ct),
            StaffVerb.PlanTasks => PlanTaskList(await sender.Send(new ListMyPlanTasksQuery(user), ct)),
            StaffVerb.CompletePlanTask => await CompletePlanTaskAsync(user, argument, ct),
            _ => StaffChatTexts.Unknown,
        };
    }

    private static string PlanTaskList(IReadOnlyList<MyPlanTask> tasks)
    {
        if (tasks.Count == 0)
        {
            return StaffChatTexts.NoPlanTasks;
        }

        var text = new StringBuilder("你的应急预案任务：");
        foreach (var task in tasks.Take(MaxListed))
        {
            text.Append('\n').Append(task.Number).Append(". ").Append(task.Title).Append("（").Append(task.Building).Append(task.PlanName).Append('）')
                .Append(task.DueAt is { } due ? " 期限 " + CampusTime.Short(due) : "");
        }

        return text.Append(tasks.Count > MaxListed ? "\n" + StaffChatTexts.More(tasks.Count - MaxListed) : "").Append("\n完成后回复“完成任务 序号 备注”。").ToString();
    }

    private async Task<string> CompletePlanTaskAsync(string user, string argument, CancellationToken ct)
    {
        var parts = argument.Split(' ', 2, StringSplitOptions.TrimEntries);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return StaffChatTexts.NeedsTaskNumber;
        }

        var task = await sender.Send(new CompleteMyPlanTaskCommand(user, number, parts.Length > 1 ? parts[1] : null), ct);
        return $"已完成任务 {task.Number}「{task.Title}」（{task.Building}{task.PlanName}）。";
    }

    // 公告 is for admins: the announcement reaches every student the office knows.
    private async Task<string> AnnounceAsync(string user, string text, CancellationToken ct)
    {
        var member = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == user, ct);
        if (member is not { IsActive: true, Role: StaffRole.Admin })
        {
            return StaffChatTexts.AdminsOnly;
        }

        var firstLine = text.Split('\n', 2)[0].Trim();
        var title = firstLine.Length is > 0 and <= Announcement.MaxTitleLength && firstLine.Length < text.Length ? firstLine : StaffChatTexts.DefaultAnnouncementTitle;
        var result = await sender.Send(new PublishAnnouncementCommand(title, text, AnnouncementAudience.Everyone, null, null, user), ct);
        return StaffChatTexts.Announced(result.Recipients);
    }

    private string List(string heading, string none, StaffTicketPage page)
    {
        if (page.Items.Count == 0)
        {
            return none;
        }

        var now = time.GetUtcNow();
        var text = new StringBuilder().Append(heading).Append('（').Append(page.Total).Append("）：");
        foreach (var item in page.Items)
        {
            text.Append('\n').Append(item.Number).Append(' ').Append(item.Category).Append(" · ").Append(item.Place)
                .Append(" · ").Append(item.StatusName);
            if (item.Overdue)
            {
                text.Append(" · 已超时");
            }
            else if (item.Status is TicketStatus.Submitted or TicketStatus.Assigned)
            {
                text.Append(" · 响应剩").Append(Remaining(item.ResponseDueAt - now));
            }
        }

        if (page.Total > page.Items.Count)
        {
            text.Append('\n').Append(StaffChatTexts.More(page.Total - page.Items.Count));
        }

        return text.ToString();
    }

    private static string Describe(StaffTicketDetails details)
    {
        var summary = details.Summary;
        var text = new StringBuilder()
            .Append(summary.Number).Append(' ').Append(summary.StatusName)
            .Append('\n').Append(summary.Category).Append(" · ").Append(summary.Place)
            .Append('\n').Append(details.Description);
        if ((summary.AssigneeName ?? summary.AssigneeId) is { } assignee)
        {
            text.Append("\n维修人员：").Append(assignee);
        }

        if (details.DuplicateOf is { } original)
        {
            text.Append("\n重复报修，原单：").Append(original.Number);
        }

        if (details.Actions.Count > 0)
        {
            text.Append("\n可操作：").Append(string.Join("、", details.Actions.Select(a => a.Name())));
        }

        return text.ToString();
    }

    private static string Remaining(TimeSpan left) =>
        left.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)left.TotalHours}小时")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)left.TotalMinutes)}分钟");
}
