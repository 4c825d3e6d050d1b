namespace WechatLogistics.Handlers.Kpis;

/// <summary>
/// The ticket KPIs computed in the database, one row per group (SQL per provider in the Bot: percentile_cont on
/// PostgreSQL, window functions on SQLite). Durations are in seconds.
/// </summary>
public interface IKpiReader
{
    /// <param name="asOf">Running clocks count as breached once their due time is before this (now, or the period's end).</param>
    Task<IReadOnlyList<TicketKpiRow>> ReadAsync(KpiDimension by, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, CancellationToken ct);
}

/// <summary>Median and 90th percentile (percentile_cont: linear interpolation between the closest ranks).</summary>
public sealed record Percentiles(double Median, double P90);

/// <summary>
/// The figures of one group. Tickets reported in the period form the cohort for everything but <see cref="Closed"/>,
/// which counts tickets closed (confirmed, cancelled or rejected) in the period.
/// </summary>
/// <param name="Key">The group key as text: "" for Overall and for tickets without a building or assignee.</param>
/// <param name="ResponseMet">Serviced tickets (not cancelled or rejected) accepted by their response due time.</param>
/// <param name="ResponseBreached">Accepted late, or still waiting after the due time.</param>
/// <param name="Resolved">Tickets resolved at least once (resolved now, or reopened since).</param>
/// <param name="Reworked">Tickets reopened at least once (Round &gt; 1).</param>
/// <param name="Complaints">Tickets rated 1–2 stars (a low score, which asks the student why).</param>
public sealed record TicketKpiRow(
    string Key,
    long Opened,
    long Closed,
    Percentiles? FirstResponse,
    Percentiles? Resolution,
    long ResponseMet,
    long ResponseBreached,
    long ResolutionMet,
    long ResolutionBreached,
    long Resolved,
    long Reworked,
    double? RatingAverage,
    long Ratings,
    long Complaints = 0);
