using Microsoft.Extensions.Options;
using WechatLogistics.Domain.ScoreCards;

namespace WechatLogistics.Handlers.ScoreCards;

/// <summary>Section <c>ScoreCards</c>: the indicators with their weights and targets, and the period-end job.</summary>
public sealed class ScoreCardOptions
{
    public const string Section = "ScoreCards";

    /// <summary>Each indicator at most once, weights &gt; 0 summing to 100, targets &gt; 0. Empty: <see cref="Defaults"/>.</summary>
    public List<IndicatorOptions> Indicators { get; set; } = [];

    /// <summary>How often the period-end job looks for an ended month to lock (0 = off).</summary>
    public int CheckMinutes { get; set; } = 60;

    public static IReadOnlyList<IndicatorTarget> Defaults { get; } =
    [
        new(ScoreIndicator.SlaCompliance, 30, 90),
        new(ScoreIndicator.MedianResolutionMinutes, 15, 1440),
        new(ScoreIndicator.ReworkRate, 15, 5),
        new(ScoreIndicator.Satisfaction, 20, 4.5),
        new(ScoreIndicator.Complaints, 10, 2),
        new(ScoreIndicator.TicketsClosed, 10, 100),
    ];

    public IReadOnlyList<IndicatorTarget> Targets =>
        Indicators.Count == 0 ? Defaults : [.. Indicators.Select(i => new IndicatorTarget(i.Indicator, i.Weight, i.Target))];
}

public sealed class IndicatorOptions
{
    public ScoreIndicator Indicator { get; set; }

    public double Weight { get; set; }

    public double Target { get; set; }
}

/// <summary>Checked at start: a wrong weight table stops the bot with a message naming the key.</summary>
public sealed class ScoreCardOptionsValidation : IValidateOptions<ScoreCardOptions>
{
    public ValidateOptionsResult Validate(string? name, ScoreCardOptions options)
    {
        var errors = new List<string>();
        var targets = options.Targets;
        foreach (var bad in targets.Where(t => !Enum.IsDefined(t.Indicator)))
        {
            errors.Add($"ScoreCards:Indicators: unknown indicator {(int)bad.Indicator}.");
        }

        foreach (var twice in targets.GroupBy(t => t.Indicator).Where(g => g.Count() > 1))
        {
            errors.Add($"ScoreCards:Indicators: {twice.Key} is listed more than once.");
        }

        foreach (var t in targets.Where(t => !(t.Weight > 0) || !(t.Target > 0)))
        {
            errors.Add($"ScoreCards:Indicators: {t.Indicator} needs a Weight and a Target greater than 0.");
        }

        var sum = targets.Sum(t => t.Weight);
        if (Math.Abs(sum - 100) > 0.001)
        {
            errors.Add($"ScoreCards:Indicators: the weights sum to {sum}, not 100.");
        }

        if (options.CheckMinutes is < 0 or > 1440)
        {
            errors.Add("ScoreCards:CheckMinutes must be between 0 and 1440.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
