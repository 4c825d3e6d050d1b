using System.ComponentModel.DataAnnotations;

namespace WechatLogistics.Handlers.Incidents;

/// <summary>Early warning (预警), section <c>Incidents</c>: <see cref="Threshold"/> reports of one trade in one building
/// within <see cref="WindowMinutes"/> open an incident.</summary>
public sealed class IncidentOptions
{
    public const string Section = "Incidents";

    [Range(2, 1000)]
    public int Threshold { get; set; } = 3;

    [Range(1, 24 * 60)]
    public int WindowMinutes { get; set; } = 30;

    public TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);
}
