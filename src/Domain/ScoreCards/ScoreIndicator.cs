namespace WechatLogistics.Domain.ScoreCards;

/// <summary>What a score card weighs (目标责任 indicators). Persisted by name in snapshots: never rename.</summary>
public enum ScoreIndicator
{
    /// <summary>Share of SLA clocks (response and resolution) met, of those decided, in %.</summary>
    SlaCompliance = 1,

    /// <summary>Median minutes from report to (latest) resolution; lower is better.</summary>
    MedianResolutionMinutes = 2,

    /// <summary>Reopened tickets among those resolved at least once, in %; lower is better.</summary>
    ReworkRate = 3,

    /// <summary>Average rating of confirmed repairs, 1–5 stars.</summary>
    Satisfaction = 4,

    /// <summary>Repairs rated 1–2 stars (a low score that asks the student why); lower is better.</summary>
    Complaints = 5,

    /// <summary>Tickets closed in the period.</summary>
    TicketsClosed = 6,
}

public static class ScoreIndicators
{
    public static bool LowerIsBetter(this ScoreIndicator indicator) =>
        indicator is ScoreIndicator.MedianResolutionMinutes or ScoreIndicator.ReworkRate or ScoreIndicator.Complaints;

    public static string Name(this ScoreIndicator indicator) => indicator switch
    {
        ScoreIndicator.SlaCompliance => "SLA达标率(%)",
        ScoreIndicator.MedianResolutionMinutes => "完成时长中位数(分钟)",
        ScoreIndicator.ReworkRate => "返修率(%)",
        ScoreIndicator.Satisfaction => "满意度均分",
        ScoreIndicator.Complaints => "差评数",
        ScoreIndicator.TicketsClosed => "关闭工单",
        _ => indicator.ToString(),
    };
}
