using System.ComponentModel.DataAnnotations;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Handlers.Sla;

/// <summary>The SLA monitor, section <c>Sla</c>.</summary>
public sealed class SlaOptions
{
    public const string Section = "Sla";

    /// <summary>How often the monitor looks for tickets that crossed a stage.</summary>
    [Range(1, 3600)]
    public int ScanSeconds { get; set; } = 60;

    /// <summary>Share of the allowed time after which the assignee is warned (80 %).</summary>
    [Range(0.1, 0.99)]
    public double WarningRatio { get; set; } = SlaPolicy.DefaultWarningRatio;

    /// <summary>WeCom UserIds (<c>|</c>-separated) told about breaches, and about warnings of unassigned tickets.</summary>
    public string SupervisorUserIds { get; set; } = "";

    public IReadOnlyList<string> Supervisors =>
        SupervisorUserIds.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
