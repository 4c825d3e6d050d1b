using Mediator;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.StaffWork;

/// <summary>驳回: a dispatcher or admin declines the report (not a repair matter, …); the reason goes to the student.</summary>
public sealed record RejectTicketCommand(string ActorUserId, string Ticket, string Reason) : ICommand<StaffTicketChangedResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. StaffAccess.Validate(ActorUserId, Ticket),
        .. InputRules.Required(nameof(Reason), Reason, RepairTicket.MaxNoteLength, "驳回原因"),
    ];
}

public sealed class RejectTicketCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<RejectTicketCommand, StaffTicketChangedResult>
{
    public ValueTask<StaffTicketChangedResult> Handle(RejectTicketCommand command, CancellationToken ct) =>
        StaffTicketChange.RunAsync(db, command.ActorUserId, command.Ticket, (actor, ticket) =>
        {
            actor.EnsureCanDispatch(ticket);
            ticket.Reject(StaffTicketChange.TimelineActor(actor), command.Reason, time.GetUtcNow());
            return $"已驳回报修单 {ticket.Number}，已告知报修同学原因。";
        }, ct);
}
