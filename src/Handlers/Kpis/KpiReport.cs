using WechatLogistics.Domain.Feedbacks;

namespace WechatLogistics.Handlers.Kpis;

/// <param name="From">First campus day of the period.</param>
/// <param name="To">The campus day after the period (exclusive).</param>
public sealed record KpiReport(DateOnly From, DateOnly To, KpiDimension By, DateTimeOffset AsOf, IReadOnlyList<KpiGroup> Groups, IReadOnlyList<FeedbackKpi> Feedback);

/// <summary>One group's KPIs; percentages are 0–100 with one decimal, null when nothing was counted.</summary>
/// <param name="FirstResponseMinutes">Report → first acceptance.</param>
/// <param name="ResolutionMinutes">Report → (latest) resolution.</param>
/// <param name="ReworkRate">Reopened tickets among those resolved at least once.</param>
public sealed record KpiGroup(
    string Key,
    string Name,
    long Opened,
    long Closed,
    Percentiles? FirstResponseMinutes,
    Percentiles? ResolutionMinutes,
    double? ResponseCompliance,
    double? ResolutionCompliance,
    double? ReworkRate,
    double? SatisfactionAverage,
    long SatisfactionCount);

/// <param name="Place">The canteen, dorm, … named by the students; null for the subject's total row.</param>
public sealed record FeedbackKpi(FeedbackSubject Subject, string SubjectName, string? Place, long Count, double AverageStars);
