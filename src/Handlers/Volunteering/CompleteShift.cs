using Mediator;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>A checked-in volunteer checks out (签退) and is credited the hours present within the shift.</summary>
public sealed record CompleteShiftCommand(string VolunteerOpenId, Guid ShiftId) : ICommand<CompleteShiftResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => ShiftValidation.Volunteer(VolunteerOpenId, ShiftId);
}

/// <param name="Hours">Credited for this shift.</param>
/// <param name="TotalHours">The volunteer's ledger total, this shift included (志愿时长, manual entries too).</param>
public sealed record CompleteShiftResult(Guid ShiftId, decimal Hours, decimal TotalHours);

public sealed class CompleteShiftCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<CompleteShiftCommand, CompleteShiftResult>
{
    public async ValueTask<CompleteShiftResult> Handle(CompleteShiftCommand command, CancellationToken ct)
    {
        var hours = await ShiftUpdate.RunAsync(db, command.ShiftId, shift =>
        {
            ShiftUpdate.OwnSignup(shift, command.VolunteerOpenId);
            var credited = shift.Complete(command.VolunteerOpenId, time.GetUtcNow());
            // The ledger line is saved with the completion, in one transaction. A retry after a conflict starts from a
            // cleared tracker, so the line is added once; the signup-id key backs that up.
            db.HoursEntries.Add(HoursEntry.ForCompletion(shift.DomainEvents.OfType<ShiftSignupCompleted>().Last()));
            return ValueTask.FromResult(credited);
        }, ct);

        var entries = await VolunteerHoursLedger.EntriesAsync(db, [command.VolunteerOpenId], ct);
        return new CompleteShiftResult(command.ShiftId, hours, entries.Sum(e => e.Hours));
    }
}
