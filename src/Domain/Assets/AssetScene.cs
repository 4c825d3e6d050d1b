namespace WechatLogistics.Domain.Assets;

/// <summary>
/// What an asset's QR code carries (docs/decisions/assets.md). The printed code is a URL, <c>{base}/a/{code}</c>, which
/// the mini-program opens through its "scan ordinary QR code" rule; a parametric Official Account QR code carries the
/// scene <c>asset:{code}</c> (WeChat's <c>scene_str</c>, at most 64 characters), which arrives in the SCAN event's
/// EventKey (and in subscribe's after <c>qrscene_</c>). Both resolve to the same code.
/// </summary>
public static class AssetScene
{
    public const string ScenePrefix = "asset:";
    public const string UrlPath = "/a/";

    public static string SceneFor(string code) => ScenePrefix + code;

    public static string UrlFor(string baseUrl, string code) => baseUrl.TrimEnd('/') + UrlPath + Uri.EscapeDataString(code);

    /// <summary>The asset code in a scene string or a scanned URL; null when it names no asset.</summary>
    public static string? CodeIn(string? scanned)
    {
        if (string.IsNullOrWhiteSpace(scanned))
        {
            return null;
        }

        var text = scanned.Trim();
        if (text.StartsWith(ScenePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AssetCode.Normalize(text[ScenePrefix.Length..]);
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.AbsolutePath.LastIndexOf(UrlPath, StringComparison.Ordinal) is var at and >= 0
            ? AssetCode.Normalize(Uri.UnescapeDataString(url.AbsolutePath[(at + UrlPath.Length)..]))
            : null;
    }
}
