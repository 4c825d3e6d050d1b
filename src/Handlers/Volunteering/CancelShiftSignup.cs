using Mediator;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>A volunteer gives up their place (or waitlist place) before the shift starts.</summary>
public sealed record CancelShiftSignupCommand(string VolunteerOpenId, Guid ShiftId) : ICommand<CancelShiftSignupResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => ShiftValidation.Volunteer(VolunteerOpenId, ShiftId);
}

/// <param name="PromotedVolunteerOpenId">Who got the freed place from the waitlist, so they can be told; null when
/// a waitlisted signup was cancelled or nobody was waiting.</param>
public sealed record CancelShiftSignupResult(Guid ShiftId, SignupStatus PreviousStatus, string? PromotedVolunteerOpenId);

/// <summary>
/// Applies <see cref="VolunteerShift.Cancel"/> (which promotes the first waitlisted) under the shift's
/// <c>Version</c> token, retrying on a concurrent change so a promotion is never lost to a racing claim.
/// </summary>
public sealed class CancelShiftSignupCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<CancelShiftSignupCommand, CancelShiftSignupResult>
{
    public ValueTask<CancelShiftSignupResult> Handle(CancelShiftSignupCommand command, CancellationToken ct) =>
        ShiftUpdate.RunAsync(db, command.ShiftId, shift =>
        {
            var previous = ShiftUpdate.OwnSignup(shift, command.VolunteerOpenId).Status;
            shift.Cancel(command.VolunteerOpenId, time.GetUtcNow());
            var promoted = shift.DomainEvents.OfType<ShiftSignupPromoted>().LastOrDefault();
            return ValueTask.FromResult(new CancelShiftSignupResult(shift.Id, previous, promoted?.VolunteerOpenId));
        }, ct);
}
