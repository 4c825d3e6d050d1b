using WechatLogistics.Domain.ScoreCards;

namespace WechatLogistics.Handlers.ScoreCards;

/// <param name="From">First campus day of the period.</param>
/// <param name="To">The campus day after the period (exclusive).</param>
/// <param name="AsOf">When the figures were computed (for a locked period: at locking).</param>
/// <param name="LockedAt">Null while the period is open: its figures may still change.</param>
public sealed record ScoreCardReport(
    DateOnly From,
    DateOnly To,
    ScoreCardScope Scope,
    DateTimeOffset AsOf,
    DateTimeOffset? LockedAt,
    string? LockedBy,
    IReadOnlyList<IndicatorTarget> Indicators,
    IReadOnlyList<ScoreCard> Cards);

/// <param name="Key">The team id or the worker's WeCom UserId.</param>
/// <param name="Score">The weighted score, 0–100 with one decimal; null when no indicator had data.</param>
public sealed record ScoreCard(string Key, string Name, double? Score, IReadOnlyList<IndicatorScore> Indicators);
