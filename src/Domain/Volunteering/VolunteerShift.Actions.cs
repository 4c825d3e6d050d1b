namespace WechatLogistics.Domain.Volunteering;

public sealed partial class VolunteerShift
{
    /// <summary>
    /// What the volunteer can do on this shift right now (the buttons to show): the lifecycle table plus the time
    /// rules — claim and cancel close at the start, check-in opens <paramref name="checkInOpensBefore"/> before it
    /// (15 minutes by default). Marking a no-show is staff's, so it is never offered.
    /// </summary>
    public IReadOnlyList<SignupAction> ActionsFor(string volunteerOpenId, DateTimeOffset now, TimeSpan? checkInOpensBefore = null)
    {
        var signup = SignupOf(volunteerOpenId);
        IEnumerable<SignupAction> allowed = signup is null ? [SignupAction.Claim] : ShiftSignupLifecycle.AllowedActions(signup.Status);
        var opens = checkInOpensBefore ?? DefaultCheckInOpensBefore;
        return [.. allowed.Where(action => action switch
        {
            SignupAction.Claim or SignupAction.Cancel => now < StartsAt,
            SignupAction.CheckIn => IsCheckInOpen(now, opens),
            SignupAction.Complete => true,
            _ => false,
        })];
    }

    private bool IsCheckInOpen(DateTimeOffset now, TimeSpan opensBefore) => now >= StartsAt - opensBefore && now < EndsAt;
}
