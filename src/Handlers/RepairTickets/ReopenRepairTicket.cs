using Mediator;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.RepairTickets;

/// <summary>未修好: the student says a resolved repair did not fix it; the ticket goes back to dispatch for rework.</summary>
public sealed record ReopenRepairTicketCommand(Guid TicketId, string ReporterOpenId, string Reason)
    : ICommand<RepairTicketChangedResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. OwnedTicket.ValidateTarget(TicketId, ReporterOpenId),
        .. InputRules.Required(nameof(Reason), Reason, RepairTicket.MaxNoteLength, "返修原因"),
    ];
}

public sealed class ReopenRepairTicketCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<ReopenRepairTicketCommand, RepairTicketChangedResult>
{
    public ValueTask<RepairTicketChangedResult> Handle(ReopenRepairTicketCommand command, CancellationToken ct) =>
        OwnedTicket.ChangeAsync(
            db, command.TicketId, command.ReporterOpenId, t => t.Reopen(t.ReporterOpenId, command.Reason, time.GetUtcNow()), ct);
}
