namespace WechatLogistics.Domain.Volunteering;

public sealed record ShiftClaimed(Guid ShiftId, Guid SignupId, string VolunteerOpenId, SignupStatus Status, int? WaitlistPosition, DateTimeOffset At);
