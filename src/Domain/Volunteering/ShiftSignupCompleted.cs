namespace WechatLogistics.Domain.Volunteering;

/// <summary>A volunteer checked out; <paramref name="Hours"/> go to their hours ledger (志愿时长).</summary>
public sealed record ShiftSignupCompleted(Guid ShiftId, Guid SignupId, string VolunteerOpenId, decimal Hours, DateTimeOffset At);
