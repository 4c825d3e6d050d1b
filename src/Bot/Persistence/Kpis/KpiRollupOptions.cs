namespace WechatLogistics.Bot.Persistence.Kpis;

/// <summary>Section <c>Kpis</c>: the daily rollup job (docs/decisions/kpi-rollups.md).</summary>
public sealed class KpiRollupOptions
{
    public const string Section = "Kpis";

    /// <summary>How often the job rolls up finished days (00:00:00 = off: every KPI read is then computed live).</summary>
    public TimeSpan RollupInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Days recomputed per transaction: short transactions, and a stopped run keeps what it finished.</summary>
    public int BatchDays { get; set; } = 7;

    public bool IsValid => RollupInterval >= TimeSpan.Zero && BatchDays is >= 1 and <= 366;
}
