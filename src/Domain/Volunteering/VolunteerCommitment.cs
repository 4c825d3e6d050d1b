namespace WechatLogistics.Domain.Volunteering;

/// <summary>
/// One of the volunteer's signups on another shift, loaded by the handler so <see cref="VolunteerShift.Claim"/>
/// can refuse double booking. Any status may be passed; only the ones that book time count.
/// </summary>
public sealed record VolunteerCommitment(Guid ShiftId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, SignupStatus Status);
