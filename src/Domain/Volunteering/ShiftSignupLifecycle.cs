namespace WechatLogistics.Domain.Volunteering;

/// <summary>
/// The signup state machine as data, for tests and for the UI's buttons. Time rules (claims close at the
/// start, the check-in window, no-show only after the end) are checked by <see cref="VolunteerShift"/> on
/// top of this table. Promotion (Waitlisted → Confirmed) is not an action: it happens when a confirmed
/// volunteer cancels.
/// </summary>
public static class ShiftSignupLifecycle
{
    private static readonly HashSet<(SignupStatus, SignupAction)> Moves =
    [
        // Changed their mind after cancelling: back to the end of the queue (Confirmed or Waitlisted).
        (SignupStatus.Cancelled, SignupAction.Claim),
        (SignupStatus.Confirmed, SignupAction.Cancel),
        (SignupStatus.Confirmed, SignupAction.CheckIn),
        (SignupStatus.Confirmed, SignupAction.MarkNoShow),
        (SignupStatus.Waitlisted, SignupAction.Cancel),
        (SignupStatus.CheckedIn, SignupAction.Complete),
    ];

    public static bool Allowed(SignupStatus status, SignupAction action) => Moves.Contains((status, action));

    public static IReadOnlyList<SignupAction> AllowedActions(SignupStatus status) =>
        [.. Enum.GetValues<SignupAction>().Where(action => Allowed(status, action))];

    /// <summary>Statuses that hold a place (count against capacity).</summary>
    public static bool HoldsPlace(SignupStatus status) =>
        status is SignupStatus.Confirmed or SignupStatus.CheckedIn or SignupStatus.Completed;

    /// <summary>Statuses that book the volunteer's time, for the no-double-booking rule.</summary>
    public static bool BooksTime(SignupStatus status) =>
        status is SignupStatus.Confirmed or SignupStatus.Waitlisted or SignupStatus.CheckedIn;
}
