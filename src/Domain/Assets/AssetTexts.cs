namespace WechatLogistics.Domain.Assets;

public static class AssetTexts
{
    public static string Name(this AssetStatus status) => status switch
    {
        AssetStatus.InUse => "在用",
        AssetStatus.UnderRepair => "维修中",
        AssetStatus.Retired => "已报废",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Import/CSV spellings of a status: the enum name, the kebab form, or the Chinese word.</summary>
    public static AssetStatus? ParseStatus(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "in-use" or "inuse" or "在用" => AssetStatus.InUse,
        "under-repair" or "underrepair" or "维修中" => AssetStatus.UnderRepair,
        "retired" or "已报废" or "报废" => AssetStatus.Retired,
        _ => null,
    };
}
