using Mediator;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.StaffWork;

/// <summary>
/// 接单 R…: the assigned worker accepts. On a ticket still waiting in their own team's queue (待派), a worker or team
/// dispatcher claims it first: assigned to themselves, then accepted, in one save.
/// </summary>
public sealed record AcceptTicketCommand(string ActorUserId, string Ticket) : ICommand<StaffTicketChangedResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => StaffAccess.Validate(ActorUserId, Ticket);
}

/// <summary>开始 R…: the assigned worker starts the repair (on site).</summary>
public sealed record StartTicketCommand(string ActorUserId, string Ticket) : ICommand<StaffTicketChangedResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => StaffAccess.Validate(ActorUserId, Ticket);
}

/// <summary>完成 R… &lt;说明&gt;: the assigned worker finishes; the note (what was done) is optional.</summary>
public sealed record ResolveTicketCommand(string ActorUserId, string Ticket, string? Note) : ICommand<StaffTicketChangedResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. StaffAccess.Validate(ActorUserId, Ticket),
        .. InputRules.Optional(nameof(Note), Note, RepairTicket.MaxNoteLength, "维修说明"),
    ];
}

/// <summary>退单 R… &lt;原因&gt;: the assigned worker declines before accepting; the ticket returns to the queue.</summary>
public sealed record RefuseTicketCommand(string ActorUserId, string Ticket, string Reason) : ICommand<StaffTicketChangedResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. StaffAccess.Validate(ActorUserId, Ticket),
        .. InputRules.Required(nameof(Reason), Reason, RepairTicket.MaxNoteLength, "退单原因"),
    ];
}

public sealed class WorkerActionsHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<AcceptTicketCommand, StaffTicketChangedResult>,
        ICommandHandler<StartTicketCommand, StaffTicketChangedResult>,
        ICommandHandler<ResolveTicketCommand, StaffTicketChangedResult>,
        ICommandHandler<RefuseTicketCommand, StaffTicketChangedResult>
{
    public ValueTask<StaffTicketChangedResult> Handle(AcceptTicketCommand command, CancellationToken ct) =>
        StaffTicketChange.RunAsync(db, command.ActorUserId, command.Ticket, (actor, ticket) =>
        {
            actor.EnsureCanSee(ticket);
            var now = time.GetUtcNow();
            if (actor.CanClaim(ticket) && RepairTicketLifecycle.Allowed(ticket.Status, TicketAction.Assign))
            {
                ticket.Assign(actor.UserId, StaffTicketChange.TimelineActor(actor), now, actor.TeamId);
            }

            ticket.Accept(actor.UserId, now);
            return $"已接单 {ticket.Number}，到场后回复“开始 {ticket.Number}”。";
        }, ct);

    public ValueTask<StaffTicketChangedResult> Handle(StartTicketCommand command, CancellationToken ct) =>
        StaffTicketChange.RunAsync(db, command.ActorUserId, command.Ticket, (actor, ticket) =>
        {
            actor.EnsureCanSee(ticket);
            ticket.Start(actor.UserId, time.GetUtcNow());
            return $"已开始维修 {ticket.Number}，修好后回复“完成 {ticket.Number} 维修说明”。";
        }, ct);

    public ValueTask<StaffTicketChangedResult> Handle(ResolveTicketCommand command, CancellationToken ct) =>
        StaffTicketChange.RunAsync(db, command.ActorUserId, command.Ticket, (actor, ticket) =>
        {
            actor.EnsureCanSee(ticket);
            ticket.Resolve(actor.UserId, command.Note, time.GetUtcNow());
            return $"报修单 {ticket.Number} 已完成，已通知报修同学确认。辛苦了！";
        }, ct);

    public ValueTask<StaffTicketChangedResult> Handle(RefuseTicketCommand command, CancellationToken ct) =>
        StaffTicketChange.RunAsync(db, command.ActorUserId, command.Ticket, (actor, ticket) =>
        {
            actor.EnsureCanSee(ticket);
            ticket.Refuse(actor.UserId, command.Reason, time.GetUtcNow());
            return $"已退单 {ticket.Number}，工单已退回待派队列。";
        }, ct);
}
