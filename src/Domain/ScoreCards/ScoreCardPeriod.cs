using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.ScoreCards;

/// <summary>
/// A locked assessment period (考核期) of one scope: the cards as they stood when it was locked, kept as a snapshot so
/// late data (tickets resolved or rated afterwards) never changes them. (Scope, From, To) is unique: a period is
/// locked once, also when two instances try at the same moment.
/// </summary>
public sealed class ScoreCardPeriod : Entity
{
    public const int MaxLockedByLength = 64;

    private ScoreCardPeriod(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private ScoreCardPeriod()
    {
    }

    public ScoreCardScope Scope { get; private set; }

    /// <summary>First campus day of the period.</summary>
    public DateOnly From { get; private set; }

    /// <summary>The campus day after the period (exclusive).</summary>
    public DateOnly To { get; private set; }

    public DateTimeOffset LockedAt { get; private set; }

    /// <summary>The admin's WeCom UserId, or <c>system</c> for the period-end job.</summary>
    public string LockedBy { get; private set; } = null!;

    /// <summary>The cards as computed at locking (JSON written and read by the handlers).</summary>
    public string Snapshot { get; private set; } = null!;

    /// <param name="today">The campus date now: only a period that has ended can be locked.</param>
    public static ScoreCardPeriod Lock(ScoreCardScope scope, DateOnly from, DateOnly to, DateOnly today, string lockedBy, string snapshot, DateTimeOffset now)
    {
        if (!Enum.IsDefined(scope))
        {
            throw new DomainException("score_card.invalid", "考核对象须为班组或个人。");
        }

        if (from >= to)
        {
            throw new DomainException("score_card.invalid", "结束日期须晚于开始日期。");
        }

        if (to > today)
        {
            throw new DomainException("score_card.period_open", "考核期尚未结束，不能锁定。");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(snapshot);
        return new ScoreCardPeriod(Guid.CreateVersion7(now))
        {
            Scope = scope,
            From = from,
            To = to,
            LockedAt = now,
            LockedBy = Text.Required(lockedBy, MaxLockedByLength, "score_card.invalid", "缺少锁定人。"),
            Snapshot = snapshot,
        };
    }
}
