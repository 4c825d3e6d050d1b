namespace WechatLogistics.Domain.Volunteering;

public sealed record ShiftSignupMarkedNoShow(Guid ShiftId, Guid SignupId, string VolunteerOpenId, DateTimeOffset At);
