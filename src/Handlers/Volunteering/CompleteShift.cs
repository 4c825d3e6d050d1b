using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>A checked-in volunteer checks out (签退) and is credited the hours present within the shift.</summary>
public sealed record CompleteShiftCommand(string VolunteerOpenId, Guid ShiftId) : ICommand<CompleteShiftResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => ShiftValidation.Volunteer(VolunteerOpenId, ShiftId);
}

/// <param name="Hours">Credited for this shift.</param>
/// <param name="TotalHours">The volunteer's hours over all completed shifts, this one included (志愿时长).</param>
public sealed record CompleteShiftResult(Guid ShiftId, decimal Hours, decimal TotalHours);

public sealed class CompleteShiftCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<CompleteShiftCommand, CompleteShiftResult>
{
    public async ValueTask<CompleteShiftResult> Handle(CompleteShiftCommand command, CancellationToken ct)
    {
        var hours = await ShiftUpdate.RunAsync(db, command.ShiftId, shift =>
        {
            ShiftUpdate.OwnSignup(shift, command.VolunteerOpenId);
            return ValueTask.FromResult(shift.Complete(command.VolunteerOpenId, time.GetUtcNow()));
        }, ct);

        // Summed here rather than in SQL: SQLite cannot aggregate decimals.
        var credited = await db.VolunteerShifts.AsNoTracking()
            .SelectMany(s => s.Signups)
            .Where(s => s.VolunteerOpenId == command.VolunteerOpenId && s.Status == SignupStatus.Completed)
            .Select(s => s.Hours)
            .ToListAsync(ct);
        return new CompleteShiftResult(command.ShiftId, hours, credited.Sum(h => h ?? 0));
    }
}
