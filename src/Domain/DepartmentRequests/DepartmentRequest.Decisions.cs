using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Domain.DepartmentRequests;

/// <summary>
/// The decisions. Only the step waiting can be decided, only by its approvers (or an admin), and only once: a step
/// named by the caller that is already decided is <c>department_request.step_decided</c>, a later one
/// <c>department_request.step_pending</c> (so a resent approval never approves the next step too).
/// </summary>
public sealed partial class DepartmentRequest
{
    /// <param name="step">The 1-based step the approver means; null: the one waiting.</param>
    public void Approve(StaffMember approver, string? comment, DateTimeOffset now, int? step = null)
    {
        var (index, current) = Decidable(approver, step);
        var note = Comment(comment, required: false);
        _timeline.Add(new RequestTimelineEntry(now, RequestActorKind.Staff, approver.UserId, RequestAction.StepApproved, index + 1, current.Name, note));
        ApprovedSteps++;
        if (ApprovedSteps == _steps.Count)
        {
            Status = RequestStatus.Approved;
            ClosedAt = now;
        }

        Version++;
        Raise(new DepartmentRequestDecided(Id, Number.ToString(), RequestAction.StepApproved, index + 1, current.Name, approver.UserId, note, Status, now));
    }

    /// <summary>Rejecting ends the chain; the comment (the reason) is required and goes to the filer.</summary>
    public void Reject(StaffMember approver, string? comment, DateTimeOffset now, int? step = null)
    {
        var (index, current) = Decidable(approver, step);
        var note = Comment(comment, required: true);
        _timeline.Add(new RequestTimelineEntry(now, RequestActorKind.Staff, approver.UserId, RequestAction.Rejected, index + 1, current.Name, note));
        Status = RequestStatus.Rejected;
        ClosedAt = now;
        Version++;
        Raise(new DepartmentRequestDecided(Id, Number.ToString(), RequestAction.Rejected, index + 1, current.Name, approver.UserId, note, Status, now));
    }

    /// <summary>The filer takes the request back while it is still under way.</summary>
    public void Withdraw(string filedBy, DateTimeOffset now)
    {
        if (!string.Equals(filedBy, FiledBy, StringComparison.Ordinal))
        {
            throw new DomainException("department_request.not_owner", "没有找到这条申报。");
        }

        EnsureUnderWay();
        _timeline.Add(new RequestTimelineEntry(now, FiledByKind, filedBy, RequestAction.Withdrawn, null, null, null));
        Status = RequestStatus.Withdrawn;
        ClosedAt = now;
        Version++;
    }

    /// <summary>An approved maintenance request becomes exactly one repair ticket.</summary>
    public void LinkTicket(Guid ticketId, string ticketNumber, DateTimeOffset now)
    {
        if (Kind != RequestKind.Maintenance || Status != RequestStatus.Approved || TicketId is not null)
        {
            throw new DomainException("department_request.invalid_transition", $"申报 {Number} 不能再生成报修单。");
        }

        TicketId = ticketId;
        TicketNumber = ticketNumber;
        _timeline.Add(new RequestTimelineEntry(now, RequestActorKind.System, "system", RequestAction.TicketOpened, null, null, ticketNumber));
    }

    private (int Index, ApprovalStep Step) Decidable(StaffMember approver, int? step)
    {
        ArgumentNullException.ThrowIfNull(approver);
        approver.EnsureActive();
        EnsureUnderWay();
        var index = ApprovedSteps;
        if (step is { } named && named != index + 1)
        {
            throw named <= index
                ? new DomainException("department_request.step_decided", $"申报 {Number} 的第{named}步已经审批过了。")
                : new DomainException("department_request.step_pending", $"申报 {Number} 正在第{index + 1}步「{_steps[index].Name}」，不能跳过。");
        }

        var current = _steps[index];
        if (!current.Allows(approver))
        {
            throw new DomainException("department_request.forbidden", $"申报 {Number} 当前步骤「{current.Name}」不由你审批。");
        }

        return (index, current);
    }

    private void EnsureUnderWay()
    {
        if (Status != RequestStatus.Submitted)
        {
            throw new DomainException("department_request.already_decided", $"申报 {Number} {Status.Name()}，不能再处理。");
        }
    }

    private static string? Comment(string? comment, bool required) => required
        ? Text.Required(comment, MaxCommentLength, "department_request.comment_required", $"驳回请填写意见（{MaxCommentLength}字以内）。")
        : Text.Optional(comment, MaxCommentLength, "department_request.invalid", $"审批意见不能超过{MaxCommentLength}个字。");
}
