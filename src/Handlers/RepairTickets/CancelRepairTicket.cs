using Mediator;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.RepairTickets;

/// <summary>The student withdraws their report; allowed until work starts (<see cref="RepairTicketLifecycle"/>).</summary>
public sealed record CancelRepairTicketCommand(Guid TicketId, string ReporterOpenId, string? Reason = null)
    : ICommand<RepairTicketChangedResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. OwnedTicket.ValidateTarget(TicketId, ReporterOpenId),
        .. InputRules.Optional(nameof(Reason), Reason, RepairTicket.MaxNoteLength, "取消原因"),
    ];
}

public sealed class CancelRepairTicketCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<CancelRepairTicketCommand, RepairTicketChangedResult>
{
    public ValueTask<RepairTicketChangedResult> Handle(CancelRepairTicketCommand command, CancellationToken ct) =>
        OwnedTicket.ChangeAsync(
            db, command.TicketId, command.ReporterOpenId, t => t.Cancel(t.ReporterOpenId, command.Reason, time.GetUtcNow()), ct);
}
