using System.ComponentModel.DataAnnotations;
using WechatLogistics.Domain.Assets;

namespace WechatLogistics.Handlers.Assets;

/// <summary>
/// Section <c>Assets</c>: the recurring-fault warning (<see cref="RecurringFaultThreshold"/> reports of one asset within
/// <see cref="RecurringFaultDays"/>) and the address printed in the assets' QR codes.
/// </summary>
public sealed class AssetOptions
{
    public const string Section = "Assets";

    [Range(2, 100)]
    public int RecurringFaultThreshold { get; set; } = 3;

    [Range(1, 3650)]
    public int RecurringFaultDays { get; set; } = 90;

    /// <summary>The public address the printed QR codes point at (<c>{QrBaseUrl}/a/{code}</c>).</summary>
    [Required]
    [Url]
    public string QrBaseUrl { get; set; } = "http://127.0.0.1:5080";

    public RecurringFaultPolicy RecurringFault => new(RecurringFaultThreshold, TimeSpan.FromDays(RecurringFaultDays));
}
