using WechatLogistics.Domain.Assets;

namespace WechatLogistics.Domain.ReferenceData;

public static partial class ReferenceDataSeed
{
    /// <summary>A few demo assets for the simulator: scan scene <c>asset:AC-E-D01-0301</c> or type "设备AC-E-D01-0301".</summary>
    private static readonly (string Code, string Kind, string Location, string Team, string Purchased, decimal Value)[] DemoAssets =
    [
        ("AC-E-D01-0301", "空调", "E-D01-F3", "AC", "2023-08-20", 3299m),
        ("WH-E-D01-0301", "热水器", "E-D01-F3", "WATER-ELEC", "2022-07-01", 1599m),
        ("PJ-W-TA-0101", "投影仪", "W-TA", "GENERAL", "2024-02-15", 5200m),
        ("AP-E-LIB-0001", "无线AP", "E-LIB", "NETWORK", "2024-09-01", 980m),
    ];

    public static IReadOnlyList<Asset> CreateAssets(DateOnly today) =>
    [
        .. DemoAssets.Select(a => Asset.Create(
            a.Code, a.Kind, LocationId(a.Location), TeamId(a.Team), null,
            DateOnly.Parse(a.Purchased, System.Globalization.CultureInfo.InvariantCulture), a.Value, AssetStatus.InUse, today, AssetId(a.Code))),
    ];

    public static Guid AssetId(string code) => DeterministicGuid.Create("asset:" + code);
}
