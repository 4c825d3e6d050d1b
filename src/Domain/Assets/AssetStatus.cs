namespace WechatLogistics.Domain.Assets;

/// <summary>Where an asset is in its life (在用 / 维修中 / 已报废). Persisted by name: never rename.</summary>
public enum AssetStatus
{
    InUse = 1,
    UnderRepair = 2,
    Retired = 3,
}
