namespace WechatLogistics.Domain.Volunteering;

/// <summary>What can be done to a signup; one <see cref="VolunteerShift"/> method each.</summary>
public enum SignupAction
{
    /// <summary>Sign up; on an existing signup only a cancelled one can be claimed again.</summary>
    Claim = 1,
    Cancel = 2,
    CheckIn = 3,
    Complete = 4,
    MarkNoShow = 5,
}
