using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Assets;

/// <summary>
/// 重复报修预警: an asset with at least <see cref="Threshold"/> reports within <see cref="Period"/> is flagged — the fault
/// keeps coming back and the asset wants inspection or replacement rather than one more repair.
/// </summary>
public sealed record RecurringFaultPolicy
{
    public RecurringFaultPolicy(int threshold, TimeSpan period)
    {
        if (threshold < 2 || period <= TimeSpan.Zero)
        {
            throw new DomainException("asset.invalid_policy", "重复报修预警至少需要2次，且统计周期大于0。");
        }

        Threshold = threshold;
        Period = period;
    }

    public static RecurringFaultPolicy Default { get; } = new(3, TimeSpan.FromDays(90));

    public int Threshold { get; }

    public TimeSpan Period { get; }

    /// <summary>Reports opened after this instant count toward the warning at <paramref name="now"/>.</summary>
    public DateTimeOffset WindowStart(DateTimeOffset now) => now - Period;

    /// <summary>True when the reports opened at <paramref name="openedAt"/> (the new one included) reach the threshold.</summary>
    public bool IsRecurring(IEnumerable<DateTimeOffset> openedAt, DateTimeOffset now) =>
        openedAt.Count(at => at > WindowStart(now) && at <= now) >= Threshold;
}
