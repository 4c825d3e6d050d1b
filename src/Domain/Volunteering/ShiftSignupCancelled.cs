namespace WechatLogistics.Domain.Volunteering;

public sealed record ShiftSignupCancelled(Guid ShiftId, Guid SignupId, string VolunteerOpenId, SignupStatus PreviousStatus, DateTimeOffset At);
