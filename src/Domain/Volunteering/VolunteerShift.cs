using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Volunteering;

/// <summary>
/// A volunteer shift (志愿岗位) with a fixed number of places and a waitlist. The signup rules live in
/// <c>VolunteerShift.Signups.cs</c>. Every signup change bumps <see cref="Version"/>: map it as the
/// concurrency token, so two volunteers taking the last place at once cannot both get it.
/// </summary>
public sealed partial class VolunteerShift : Entity
{
    public const int MaxTitleLength = 50;
    public const int MaxPlaceLength = 50;

    /// <summary>Check-in opens this long before the start (emfcamp).</summary>
    public static readonly TimeSpan DefaultCheckInOpensBefore = TimeSpan.FromMinutes(15);

    private readonly List<ShiftSignup> _signups = [];

    private VolunteerShift(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private VolunteerShift()
    {
    }

    public string Title { get; private set; } = null!;

    public string Place { get; private set; } = null!;

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public int Capacity { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<ShiftSignup> Signups => _signups;

    public int RemainingPlaces => Math.Max(0, Capacity - _signups.Count(s => ShiftSignupLifecycle.HoldsPlace(s.Status)));

    public static VolunteerShift Create(
        string title, string place, DateTimeOffset startsAt, DateTimeOffset endsAt, int capacity, DateTimeOffset now)
    {
        var cleanTitle = Text.Required(title, MaxTitleLength, "shift.invalid", $"岗位名称需要1到{MaxTitleLength}个字。");
        var cleanPlace = Text.Required(place, MaxPlaceLength, "shift.invalid", $"地点需要1到{MaxPlaceLength}个字。");
        if (endsAt <= startsAt)
        {
            throw new DomainException("shift.invalid", "结束时间须晚于开始时间。");
        }

        if (capacity < 1)
        {
            throw new DomainException("shift.invalid", "人数上限至少为1。");
        }

        return new VolunteerShift(Guid.CreateVersion7(now))
        {
            Title = cleanTitle,
            Place = cleanPlace,
            StartsAt = startsAt,
            EndsAt = endsAt,
            Capacity = capacity,
        };
    }

    /// <summary>1-based place in the waitlist, or null when the volunteer is not waitlisted.</summary>
    public int? WaitlistPositionOf(string volunteerOpenId)
    {
        var waitlist = Waitlist();
        var index = waitlist.FindIndex(s => s.VolunteerOpenId == volunteerOpenId);
        return index < 0 ? null : index + 1;
    }

    public ShiftSignup? SignupOf(string volunteerOpenId) =>
        _signups.SingleOrDefault(s => string.Equals(s.VolunteerOpenId, volunteerOpenId, StringComparison.Ordinal));

    private List<ShiftSignup> Waitlist() =>
        [.. _signups.Where(s => s.Status == SignupStatus.Waitlisted).OrderBy(s => s.QueueNumber)];
}
