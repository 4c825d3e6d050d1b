using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Volunteering;

/// <summary>
/// One line of the volunteer hours ledger (志愿时长): the hours of a completed shift (written with the completion, one per
/// signup), or a coordinator's manual entry with a reason. Entries are never edited or deleted: a mistake is put right by
/// a correction (a negative manual entry), so the ledger is the history. A volunteer's total is the sum of their entries.
/// </summary>
public sealed class HoursEntry : Entity
{
    public const int MaxReasonLength = 200;

    /// <summary>The largest manual entry either way: a day.</summary>
    public const decimal MaxManualHours = 24;

    private HoursEntry(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private HoursEntry()
    {
    }

    public string VolunteerOpenId { get; private set; } = null!;

    /// <summary>The completed signup; null for manual entries. Unique: a signup credits its hours once.</summary>
    public Guid? SignupId { get; private set; }

    public Guid? ShiftId { get; private set; }

    /// <summary>Positive, or negative for a correction; quarter hours.</summary>
    public decimal Hours { get; private set; }

    /// <summary>Required for manual entries; null for completions.</summary>
    public string? Reason { get; private set; }

    /// <summary>The volunteer's OpenId for a check-out, the coordinator's WeCom UserId for a manual entry.</summary>
    public string RecordedBy { get; private set; } = null!;

    /// <summary>When the hours were earned: what decides the term they count in.</summary>
    public DateTimeOffset EarnedAt { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public bool IsManual => SignupId is null;

    /// <summary>The ledger line of a check-out (签退).</summary>
    public static HoursEntry ForCompletion(ShiftSignupCompleted completed) => new(Guid.CreateVersion7(completed.At))
    {
        VolunteerOpenId = completed.VolunteerOpenId,
        SignupId = completed.SignupId,
        ShiftId = completed.ShiftId,
        Hours = completed.Hours,
        RecordedBy = completed.VolunteerOpenId,
        EarnedAt = completed.At,
        RecordedAt = completed.At,
    };

    /// <summary>
    /// A coordinator's entry: hours for work not done through a shift, or a correction (negative hours). Every manual
    /// entry needs a reason; a coordinator cannot enter hours for themselves; a correction may not take the volunteer's
    /// total of that term below zero.
    /// </summary>
    /// <param name="coordinatorIsVolunteer">True when the coordinator's own WeChat identity is the volunteer's.</param>
    /// <param name="termTotal">The volunteer's hours so far in the term of <paramref name="earnedAt"/>.</param>
    public static HoursEntry Manual(
        string volunteerOpenId,
        decimal hours,
        string? reason,
        string coordinatorUserId,
        bool coordinatorIsVolunteer,
        decimal termTotal,
        DateTimeOffset earnedAt,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(volunteerOpenId);
        ArgumentException.ThrowIfNullOrWhiteSpace(coordinatorUserId);
        if (coordinatorIsVolunteer || string.Equals(volunteerOpenId, coordinatorUserId, StringComparison.Ordinal))
        {
            throw new DomainException("hours.forbidden", "不能给自己登记志愿时长，请由其他老师登记。");
        }

        var why = Text.Optional(reason, MaxReasonLength, "hours.invalid", $"原因不能超过{MaxReasonLength}个字。")
            ?? throw new DomainException("hours.reason_required", "请填写登记原因。");
        if (hours == 0 || Math.Abs(hours) > MaxManualHours || hours * 4 != decimal.Truncate(hours * 4))
        {
            throw new DomainException("hours.invalid", $"时长须为非零的整刻钟（0.25小时为单位），单次不超过{MaxManualHours}小时。");
        }

        if (earnedAt > now)
        {
            throw new DomainException("hours.invalid", "不能登记未来的时长。");
        }

        if (termTotal + hours < 0)
        {
            throw new DomainException("hours.below_zero", $"更正后该学期时长将小于0（当前{termTotal:0.##}小时）。");
        }

        return new HoursEntry(Guid.CreateVersion7(now))
        {
            VolunteerOpenId = volunteerOpenId,
            Hours = hours,
            Reason = why,
            RecordedBy = coordinatorUserId,
            EarnedAt = earnedAt,
            RecordedAt = now,
        };
    }
}
