namespace WechatLogistics.Domain.ScoreCards;

/// <summary>An indicator's weight (the weights of a card sum to 100) and its target.</summary>
public sealed record IndicatorTarget(ScoreIndicator Indicator, double Weight, double Target);

/// <param name="Actual">The measured figure; null when the period has nothing to measure (no ratings, say).</param>
/// <param name="Score">0–100; null when <paramref name="Actual"/> is null.</param>
public sealed record IndicatorScore(ScoreIndicator Indicator, double? Actual, double Target, double Weight, double? Score);

/// <summary>
/// The scoring formula (docs/decisions/score-cards-and-hours.md). Each indicator scores 0–100:
/// higher-is-better: min(100, 100 × actual / target); lower-is-better: 100 when actual ≤ target, else 100 × target / actual.
/// The card's score is the weighted mean over the indicators that have a figure: Σ wᵢ·sᵢ / Σ wᵢ, so an indicator without
/// data (a team nobody rated) neither rewards nor punishes. Indicator scores and the card's are rounded to one decimal
/// (half away from zero) after the weighted mean is taken from the unrounded indicator scores.
/// </summary>
public static class ScoreFormula
{
    public static double? Score(ScoreIndicator indicator, double? actual, double target)
    {
        if (actual is not { } value)
        {
            return null;
        }

        if (target <= 0 || value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(target), "Targets are positive and figures are not negative.");
        }

        return indicator.LowerIsBetter()
            ? value <= target ? 100 : 100 * target / value
            : Math.Min(100, 100 * value / target);
    }

    /// <summary>Every indicator of <paramref name="targets"/> scored, and the card's weighted score (null when none has data).</summary>
    public static (IReadOnlyList<IndicatorScore> Indicators, double? Total) Card(
        IReadOnlyList<IndicatorTarget> targets, Func<ScoreIndicator, double?> actual)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(actual);
        var scored = targets.Select(t => (Target: t, Actual: actual(t.Indicator))).Select(x => (x.Target, x.Actual, Score: Score(x.Target.Indicator, x.Actual, x.Target.Target))).ToList();
        var weights = scored.Where(x => x.Score is not null).Sum(x => x.Target.Weight);
        double? total = weights == 0 ? null : Round(scored.Where(x => x.Score is not null).Sum(x => x.Target.Weight * x.Score!.Value) / weights);
        return ([.. scored.Select(x => new IndicatorScore(x.Target.Indicator, x.Actual, x.Target.Target, x.Target.Weight, x.Score is { } s ? Round(s) : null))], total);
    }

    public static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
