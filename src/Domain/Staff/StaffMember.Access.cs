using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Domain.Staff;

/// <summary>
/// Who may see and act on which ticket. Admins: all. Dispatchers: their team's tickets and the unrouted ones (all,
/// when they have no team). Workers: the tickets assigned to them and their team's queue. A broken rule is
/// <c>staff.forbidden</c> (HTTP 403, a clear sentence in chat).
/// </summary>
public sealed partial class StaffMember
{
    public bool IsDispatcher => Role is StaffRole.Dispatcher or StaffRole.Admin;

    /// <summary>True when the ticket is in this member's scope (their queue, their team's, or assigned to them).</summary>
    public bool Covers(RepairTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return IsActive && (Role == StaffRole.Admin
            || string.Equals(ticket.AssigneeId, UserId, StringComparison.Ordinal)
            || (TeamId is { } team && ticket.TeamId == team)
            || (Role == StaffRole.Dispatcher && (TeamId is null || ticket.TeamId is null)));
    }

    public void EnsureCanSee(RepairTicket ticket)
    {
        EnsureActive();
        if (!Covers(ticket))
        {
            throw Forbidden($"报修单 {ticket.Number} 不属于你的班组，不能查看或处理。");
        }
    }

    /// <summary>Assign, reassign, reject: dispatchers and admins, within their scope.</summary>
    public void EnsureCanDispatch(RepairTicket ticket)
    {
        EnsureActive();
        if (!IsDispatcher)
        {
            throw Forbidden("只有调度员或管理员可以派单、转派或驳回。");
        }

        EnsureCanSee(ticket);
    }

    /// <summary>A dispatcher with a team hands tickets to that team's people only; admins to anyone.</summary>
    public void EnsureCanAssignTo(StaffMember assignee)
    {
        ArgumentNullException.ThrowIfNull(assignee);
        if (!assignee.IsActive || assignee.Role == StaffRole.Admin || assignee.TeamId is null)
        {
            throw new DomainException("staff.invalid", $"{assignee.DisplayName}（{assignee.EmployeeNo}）不能接单。");
        }

        if (Role == StaffRole.Dispatcher && TeamId is { } team && assignee.TeamId != team)
        {
            throw Forbidden("只能派给本班组的维修人员。");
        }
    }

    /// <summary>
    /// Claiming from the queue (接单 on an unassigned ticket): a worker or dispatcher of the ticket's team, or an admin.
    /// </summary>
    public bool CanClaim(RepairTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return IsActive && ticket.AssigneeId is null && TeamId is { } team && ticket.TeamId == team && Role != StaffRole.Admin;
    }

    /// <summary>Editing the reference data (teams, staff, routing rules, locations, categories).</summary>
    public void EnsureAdmin()
    {
        EnsureActive();
        if (Role != StaffRole.Admin)
        {
            throw Forbidden("只有管理员可以修改基础数据。");
        }
    }

    /// <summary>Importing and editing assets (财产管理): dispatchers and admins.</summary>
    public void EnsureCanManageAssets()
    {
        EnsureActive();
        if (!IsDispatcher)
        {
            throw Forbidden("只有调度员和管理员可以管理设备。");
        }
    }

    public void EnsureActive()
    {
        if (!IsActive)
        {
            throw Forbidden("你的员工账号已停用。");
        }
    }

    private static DomainException Forbidden(string message) => new("staff.forbidden", message);
}
