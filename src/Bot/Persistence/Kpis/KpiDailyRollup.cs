using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Bot.Persistence.Kpis;

/// <summary>
/// The additive KPI figures of one campus day and one group of one dimension (Overall, Category, Building, Team,
/// Worker: one row per key, not per combination). The cohort figures cover the day's reports that were final when the
/// day was rolled up (<see cref="KpiRollupDay.CutOff"/>); <see cref="Closed"/> counts every ticket closed that day.
/// Written only by <see cref="KpiRollup"/>; read by <see cref="RolledUpKpiReader"/>.
/// </summary>
internal sealed class KpiDailyRollup
{
    public DateOnly Day { get; set; }

    public KpiDimension Dimension { get; set; }

    /// <summary>The group key as the reader's SQL writes it ("" for Overall and for tickets without one).</summary>
    public string Key { get; set; } = "";

    public long Opened { get; set; }

    public long Closed { get; set; }

    public long ResponseMet { get; set; }

    public long ResponseBreached { get; set; }

    public long ResolutionMet { get; set; }

    public long ResolutionBreached { get; set; }

    public long Resolved { get; set; }

    public long Reworked { get; set; }

    public long RatingSum { get; set; }

    public long Ratings { get; set; }

    public long Complaints { get; set; }

    /// <summary>A <see cref="KpiSketch"/> of report → first acceptance, in seconds.</summary>
    public byte[] FirstResponseSketch { get; set; } = [];

    /// <summary>A <see cref="KpiSketch"/> of report → (latest) resolution, in seconds.</summary>
    public byte[] ResolutionSketch { get; set; } = [];
}

/// <summary>
/// A campus day whose rollup rows exist. The rows hold the day's reports that were final (Confirmed, Cancelled,
/// Rejected: no action moves them again) and closed before <see cref="CutOff"/>; every other report of the day is read
/// live. A day is rolled up only once it has ended before the cut-off, so its closings are all in.
/// </summary>
internal sealed class KpiRollupDay
{
    public DateOnly Day { get; set; }

    public DateTimeOffset CutOff { get; set; }

    public DateTimeOffset RolledUpAt { get; set; }
}
