namespace WechatLogistics.Domain.Volunteering;

/// <summary>A waitlisted volunteer got a place because someone cancelled: tell them.</summary>
public sealed record ShiftSignupPromoted(Guid ShiftId, Guid SignupId, string VolunteerOpenId, DateTimeOffset At);
