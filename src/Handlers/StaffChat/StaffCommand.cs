using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Handlers.StaffChat;

/// <summary>What a staff member asked for in the WeCom app chat.</summary>
public enum StaffVerb
{
    Help,
    Detail,
    Accept,
    Start,
    Resolve,
    Refuse,
    Reject,
    Assign,
    Reassign,
    MyTickets,
    Unassigned,
    Announce,

    /// <summary>任务: my open emergency-plan tasks.</summary>
    PlanTasks,

    /// <summary>完成任务 n 备注: finish one of them.</summary>
    CompletePlanTask,
}

/// <summary>
/// One parsed staff chat line: the verb, the ticket it names (when it needs one) and the rest of the line (a note, a
/// reason, an employee number, an announcement's text).
/// </summary>
public sealed record StaffCommand(StaffVerb Verb, RepairTicketNumber? Ticket = null, string? Argument = null);

/// <summary>Why a line is not a command: nothing recognised, or a known verb missing its ticket number or argument.</summary>
public sealed record StaffCommandError(StaffVerb? Verb, string Message);
