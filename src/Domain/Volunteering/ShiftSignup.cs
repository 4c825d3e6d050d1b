namespace WechatLogistics.Domain.Volunteering;

/// <summary>
/// A volunteer's place on one shift. At most one per volunteer and shift (a re-claim reuses the cancelled
/// row), so (ShiftId, VolunteerOpenId) can carry a unique index. Changed only through <see cref="VolunteerShift"/>.
/// </summary>
public sealed class ShiftSignup
{
    internal ShiftSignup(Guid shiftId, string volunteerOpenId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        ShiftId = shiftId;
        VolunteerOpenId = volunteerOpenId;
        CreatedAt = now;
    }

    // For EF Core materialization.
    private ShiftSignup()
    {
        VolunteerOpenId = null!;
    }

    public Guid Id { get; private set; }

    public Guid ShiftId { get; private set; }

    public string VolunteerOpenId { get; private set; }

    public SignupStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The shift's claim counter when this signup (last) claimed: the waitlist is served in this order.
    /// A counter rather than a timestamp, so two claims in the same millisecond, or from servers whose
    /// clocks differ slightly, still have a strict order.
    /// </summary>
    public int QueueNumber { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public DateTimeOffset? CheckedInAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Credited volunteer hours (志愿时长), set on completion.</summary>
    public decimal? Hours { get; private set; }

    internal void Queue(SignupStatus status, int queueNumber)
    {
        Status = status;
        QueueNumber = queueNumber;
        CancelledAt = null;
    }

    internal void Promote() => Status = SignupStatus.Confirmed;

    internal void Cancel(DateTimeOffset now)
    {
        Status = SignupStatus.Cancelled;
        CancelledAt = now;
    }

    internal void CheckIn(DateTimeOffset now)
    {
        Status = SignupStatus.CheckedIn;
        CheckedInAt = now;
    }

    internal void Complete(DateTimeOffset now, decimal hours)
    {
        Status = SignupStatus.Completed;
        CompletedAt = now;
        Hours = hours;
    }

    internal void MarkNoShow() => Status = SignupStatus.NoShow;
}
