using Mediator;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.StaffWork;

/// <summary>派单: a dispatcher or admin gives a ticket to a worker, named by 工号 or WeCom UserId.</summary>
public sealed record AssignTicketCommand(string ActorUserId, string Ticket, string Worker)
    : ICommand<StaffTicketChangedResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. StaffAccess.Validate(ActorUserId, Ticket),
        .. InputRules.Required(nameof(Worker), Worker, 64, "工号"),
    ];
}

/// <summary>
/// 转派 R… &lt;工号&gt;: like <see cref="AssignTicketCommand"/>, for a ticket that already has a worker who has not
/// accepted yet (after acceptance the lifecycle has no reassignment: the worker refuses first).
/// </summary>
public sealed record ReassignTicketCommand(string ActorUserId, string Ticket, string Worker)
    : ICommand<StaffTicketChangedResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. StaffAccess.Validate(ActorUserId, Ticket),
        .. InputRules.Required(nameof(Worker), Worker, 64, "工号"),
    ];
}

public sealed class AssignTicketCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<AssignTicketCommand, StaffTicketChangedResult>, ICommandHandler<ReassignTicketCommand, StaffTicketChangedResult>
{
    public ValueTask<StaffTicketChangedResult> Handle(AssignTicketCommand command, CancellationToken ct) =>
        AssignAsync(command.ActorUserId, command.Ticket, command.Worker, reassign: false, ct);

    public ValueTask<StaffTicketChangedResult> Handle(ReassignTicketCommand command, CancellationToken ct) =>
        AssignAsync(command.ActorUserId, command.Ticket, command.Worker, reassign: true, ct);

    private async ValueTask<StaffTicketChangedResult> AssignAsync(string actorId, string reference, string workerRef, bool reassign, CancellationToken ct)
    {
        var worker = await StaffAccess.MemberAsync(db, workerRef, ct);
        return await StaffTicketChange.RunAsync(db, actorId, reference, (actor, ticket) =>
        {
            actor.EnsureCanDispatch(ticket);
            actor.EnsureCanAssignTo(worker);
            if (reassign && ticket.Status != TicketStatus.Assigned)
            {
                throw new DomainException(
                    "ticket.invalid_transition", $"报修单 {ticket.Number} 当前状态为“{ticket.Status.Name()}”，不能转派。");
            }

            ticket.Assign(worker.UserId, StaffTicketChange.TimelineActor(actor), time.GetUtcNow(), worker.TeamId);
            return $"已将报修单 {ticket.Number} {(reassign ? "转派" : "派")}给 {worker.DisplayName}（{worker.EmployeeNo}）。";
        }, ct);
    }
}
