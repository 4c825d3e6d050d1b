using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.RepairTickets;

public sealed partial class RepairTicket
{
    /// <summary>Dispatch to a worker (by staff or by automatic routing); also re-dispatch and rework.</summary>
    /// <param name="teamId">The worker's team, which the ticket now belongs to; null keeps the current team.</param>
    public void Assign(string workerId, Actor actor, DateTimeOffset now, Guid? teamId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentNullException.ThrowIfNull(actor);
        var to = EnsureAllowed(TicketAction.Assign);
        if (Status == TicketStatus.Assigned && AssigneeId == workerId)
        {
            throw new DomainException("ticket.already_assigned", "该报修单已派给这位维修人员。");
        }

        AssigneeId = workerId;
        TeamId = teamId ?? TeamId;
        Move(TicketAction.Assign, to, actor, null, now);
    }

    public void Accept(string workerId, DateTimeOffset now)
    {
        var to = EnsureAllowed(TicketAction.Accept);
        EnsureAssignee(workerId);
        FirstResponseAt ??= now;
        Move(TicketAction.Accept, to, Actor.Worker(workerId), null, now);
    }

    /// <summary>拒单: the assigned worker declines before accepting; the ticket goes back to dispatch.</summary>
    public void Refuse(string workerId, string reason, DateTimeOffset now)
    {
        var to = EnsureAllowed(TicketAction.Refuse);
        EnsureAssignee(workerId);
        var note = RequiredReason(reason);
        AssigneeId = null;
        Move(TicketAction.Refuse, to, Actor.Worker(workerId), note, now);
    }

    public void Start(string workerId, DateTimeOffset now)
    {
        var to = EnsureAllowed(TicketAction.Start);
        EnsureAssignee(workerId);
        StartedAt = now;
        Move(TicketAction.Start, to, Actor.Worker(workerId), null, now);
    }

    /// <param name="note">What was done (维修记录); optional so a worker can finish with one tap.</param>
    public void Resolve(string workerId, string? note, DateTimeOffset now)
    {
        var to = EnsureAllowed(TicketAction.Resolve);
        EnsureAssignee(workerId);
        var text = Text.Optional(note, MaxNoteLength, "ticket.invalid", TooLong);
        ResolvedAt = now;
        Move(TicketAction.Resolve, to, Actor.Worker(workerId), text, now);
    }

    public void Confirm(string studentOpenId, int rating, string? comment, DateTimeOffset now)
    {
        EnsureOwner(studentOpenId);
        var to = EnsureAllowed(TicketAction.Confirm);
        if (rating is < 1 or > 5)
        {
            throw new DomainException("ticket.invalid_rating", "请给出1到5星的评价。");
        }

        var text = Text.Optional(comment, MaxNoteLength, "ticket.invalid", TooLong);
        Rating = rating;
        RatingComment = text;
        ConfirmedAt = now;
        ClosedAt = now;
        Move(TicketAction.Confirm, to, Actor.Student(studentOpenId), text, now);
    }

    /// <summary>The student withdraws the report; only before work starts.</summary>
    public void Cancel(string studentOpenId, string? reason, DateTimeOffset now)
    {
        EnsureOwner(studentOpenId);
        var to = EnsureAllowed(TicketAction.Cancel);
        var text = Text.Optional(reason, MaxNoteLength, "ticket.invalid", TooLong);
        ClosedAt = now;
        Move(TicketAction.Cancel, to, Actor.Student(studentOpenId), text, now);
    }

    /// <summary>Staff decline the report (not a repair matter, duplicate, …); the reason is shown to the student.</summary>
    public void Reject(Actor actor, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var to = EnsureAllowed(TicketAction.Reject);
        var note = RequiredReason(reason);
        ClosedAt = now;
        Move(TicketAction.Reject, to, actor, note, now);
    }

    /// <summary>The student says it is not fixed: a new round starts and the ticket returns to dispatch.</summary>
    public void Reopen(string studentOpenId, string reason, DateTimeOffset now)
    {
        EnsureOwner(studentOpenId);
        var to = EnsureAllowed(TicketAction.Reopen);
        var note = RequiredReason(reason);
        Round++;
        ResolvedAt = null;
        Move(TicketAction.Reopen, to, Actor.Student(studentOpenId), note, now);
    }

    private const string TooLong = "内容不能超过500个字。";

    private TicketStatus EnsureAllowed(TicketAction action) =>
        RepairTicketLifecycle.TargetOf(Status, action)
        ?? throw new DomainException(
            "ticket.invalid_transition", $"该报修单当前状态为“{Status.Name()}”，不能{action.Name()}。");

    // Checked before the state, so a stranger learns nothing about someone else's ticket.
    private void EnsureOwner(string studentOpenId)
    {
        if (!string.Equals(studentOpenId, ReporterOpenId, StringComparison.Ordinal))
        {
            throw new DomainException("ticket.not_owner", "这不是你提交的报修单。");
        }
    }

    // Checked after the state: only Assigned/Accepted/InProgress tickets have an assignee to compare with.
    private void EnsureAssignee(string workerId)
    {
        if (!string.Equals(workerId, AssigneeId, StringComparison.Ordinal))
        {
            throw new DomainException("ticket.not_assignee", "该报修单没有派给你。");
        }
    }

    private static string RequiredReason(string? reason) =>
        Text.Required(reason, MaxNoteLength, "ticket.reason_required", "请填写原因（不超过500个字）。");

    private void Move(TicketAction action, TicketStatus to, Actor actor, string? note, DateTimeOffset now)
    {
        var from = Status;
        Status = to;
        Version++;
        _timeline.Add(new TicketTimelineEntry(now, actor, TimelineActionOf(action), from, to, AssigneeId, note));
        Raise(new RepairTicketStatusChanged(
            Id, Number.ToString(), ReporterOpenId, AssigneeId, action, from, to, actor, note, now));
    }

    private static TicketTimelineAction TimelineActionOf(TicketAction action) => action switch
    {
        TicketAction.Assign => TicketTimelineAction.Assigned,
        TicketAction.Accept => TicketTimelineAction.Accepted,
        TicketAction.Refuse => TicketTimelineAction.Refused,
        TicketAction.Start => TicketTimelineAction.Started,
        TicketAction.Resolve => TicketTimelineAction.Resolved,
        TicketAction.Confirm => TicketTimelineAction.Confirmed,
        TicketAction.Cancel => TicketTimelineAction.Cancelled,
        TicketAction.Reject => TicketTimelineAction.Rejected,
        TicketAction.Reopen => TicketTimelineAction.Reopened,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
