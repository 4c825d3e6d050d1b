using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>A volunteer takes a place on a shift, or a waitlist place when it is full.</summary>
public sealed record ClaimShiftCommand(string VolunteerOpenId, Guid ShiftId) : ICommand<ClaimShiftResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => ShiftValidation.Volunteer(VolunteerOpenId, ShiftId);
}

/// <summary>Confirmed, or waitlisted at <see cref="WaitlistPosition"/> (1 = next to be promoted).</summary>
public sealed record ClaimShiftResult(Guid ShiftId, Guid SignupId, SignupStatus Status, int? WaitlistPosition)
{
    public bool IsConfirmed => Status == SignupStatus.Confirmed;
}

/// <summary>
/// Applies <see cref="VolunteerShift.Claim"/> through <see cref="ShiftUpdate"/>: when another change saved first, the
/// claim is applied again to the reloaded shift. A volunteer tapping twice gets "already signed up" the second time.
/// </summary>
public sealed class ClaimShiftCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<ClaimShiftCommand, ClaimShiftResult>
{
    public ValueTask<ClaimShiftResult> Handle(ClaimShiftCommand command, CancellationToken ct) =>
        ShiftUpdate.RunAsync(db, command.ShiftId, async shift =>
        {
            var commitments = await CommitmentsAsync(command.VolunteerOpenId, shift, ct);
            var signup = shift.Claim(command.VolunteerOpenId, time.GetUtcNow(), commitments);
            return new ClaimShiftResult(shift.Id, signup.Id, signup.Status, shift.WaitlistPositionOf(command.VolunteerOpenId));
        }, ct);

    // Only shifts that overlap this one can break the no-double-booking rule, so only those are read.
    private async Task<List<VolunteerCommitment>> CommitmentsAsync(string volunteerOpenId, VolunteerShift shift, CancellationToken ct) =>
        await db.VolunteerShifts
            .Where(s => s.Id != shift.Id && s.StartsAt < shift.EndsAt && shift.StartsAt < s.EndsAt)
            .SelectMany(
                s => s.Signups.Where(signup => signup.VolunteerOpenId == volunteerOpenId),
                (s, signup) => new VolunteerCommitment(s.Id, s.StartsAt, s.EndsAt, signup.Status))
            .ToListAsync(ct);
}
