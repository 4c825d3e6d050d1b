namespace WechatLogistics.Handlers.Kpis;

/// <summary>Turns the database's counts into the figures people read: minutes, percentages, averages.</summary>
internal static class KpiFigures
{
    public static KpiGroup Group(TicketKpiRow row, string name) => new(
        row.Key,
        name,
        row.Opened,
        row.Closed,
        Minutes(row.FirstResponse),
        Minutes(row.Resolution),
        Percent(row.ResponseMet, row.ResponseMet + row.ResponseBreached),
        Percent(row.ResolutionMet, row.ResolutionMet + row.ResolutionBreached),
        Percent(row.Reworked, row.Resolved),
        row.RatingAverage is { } average ? Round(average, 2) : null,
        row.Ratings);

    public static double? Percent(long part, long whole) => whole == 0 ? null : Round(100.0 * part / whole, 1);

    public static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    private static Percentiles? Minutes(Percentiles? seconds) =>
        seconds is null ? null : new Percentiles(Round(seconds.Median / 60, 1), Round(seconds.P90 / 60, 1));
}
