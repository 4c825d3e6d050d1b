namespace WechatLogistics.Domain.Volunteering;

/// <summary>Where a volunteer's place on a shift stands. Persisted: never renumber.</summary>
public enum SignupStatus
{
    Confirmed = 1,
    Waitlisted = 2,
    Cancelled = 3,
    CheckedIn = 4,
    Completed = 5,
    NoShow = 6,
}
