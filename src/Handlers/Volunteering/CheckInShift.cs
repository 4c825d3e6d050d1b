using Mediator;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>A confirmed volunteer arrives: allowed from 15 minutes before the start until the end.</summary>
public sealed record CheckInShiftCommand(string VolunteerOpenId, Guid ShiftId) : ICommand<CheckInShiftResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => ShiftValidation.Volunteer(VolunteerOpenId, ShiftId);
}

public sealed record CheckInShiftResult(Guid ShiftId, DateTimeOffset CheckedInAt, DateTimeOffset EndsAt);

public sealed class CheckInShiftCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<CheckInShiftCommand, CheckInShiftResult>
{
    public ValueTask<CheckInShiftResult> Handle(CheckInShiftCommand command, CancellationToken ct) =>
        ShiftUpdate.RunAsync(db, command.ShiftId, shift =>
        {
            var signup = ShiftUpdate.OwnSignup(shift, command.VolunteerOpenId);
            shift.CheckIn(command.VolunteerOpenId, time.GetUtcNow());
            return ValueTask.FromResult(new CheckInShiftResult(shift.Id, signup.CheckedInAt!.Value, shift.EndsAt));
        }, ct);
}
