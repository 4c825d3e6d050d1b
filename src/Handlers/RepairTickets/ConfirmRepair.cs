using Mediator;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.RepairTickets;

/// <summary>The student confirms a resolved repair and rates it 1–5 stars, optionally with a comment.</summary>
public sealed record ConfirmRepairCommand(Guid TicketId, string ReporterOpenId, int Rating, string? Comment = null)
    : ICommand<RepairTicketChangedResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. OwnedTicket.ValidateTarget(TicketId, ReporterOpenId),
        .. InputRules.Unless(Rating is >= 1 and <= 5, nameof(Rating), "请给出1到5星的评价。"),
        .. InputRules.Optional(nameof(Comment), Comment, RepairTicket.MaxNoteLength, "评价"),
    ];
}

public sealed class ConfirmRepairCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<ConfirmRepairCommand, RepairTicketChangedResult>
{
    public ValueTask<RepairTicketChangedResult> Handle(ConfirmRepairCommand command, CancellationToken ct) =>
        OwnedTicket.ChangeAsync(
            db,
            command.TicketId,
            command.ReporterOpenId,
            t => t.Confirm(t.ReporterOpenId, command.Rating, command.Comment, time.GetUtcNow()),
            ct);
}
