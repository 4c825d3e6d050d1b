using System.Net;
using System.Security.Cryptography;
using System.Text;
using QRCoder;
using WechatLogistics.Handlers.Assets;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// The printable QR sheet of one room: each asset's QR code (a PNG data URL rendered by QRCoder, no script), its code,
/// kind and payload as text. Every value is HTML-encoded; the policy allows only the page's own style block (by hash)
/// and data: images, so nothing injected into an asset's fields could run.
/// </summary>
public static class AssetSheetPage
{
    private const string Style =
        "body{font-family:sans-serif;margin:12mm}h1{font-size:16pt}ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6mm}" +
        "li{width:55mm;border:1px dashed #888;padding:3mm;text-align:center;break-inside:avoid}img{width:45mm;height:45mm}" +
        "b{display:block;font-size:13pt}small{display:block;word-break:break-all;color:#555}";

    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; img-src data:; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(AssetSheet sheet)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>设备二维码 ")
            .Append(Encode(sheet.Place)).Append("</title><style>").Append(Style).Append("</style></head><body><h1>")
            .Append(Encode(sheet.Place)).Append("（").Append(Encode(sheet.LocationCode)).Append("）设备报修二维码</h1>");
        if (sheet.Assets.Count == 0)
        {
            html.Append("<p>这个地点还没有登记设备。</p>");
        }

        html.Append("<ul>");
        foreach (var asset in sheet.Assets)
        {
            html.Append("<li><img alt=\"").Append(Encode(asset.Code)).Append("\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(Png(asset.QrPayload))).Append("\"><b>").Append(Encode(asset.Code)).Append("</b>")
                .Append(Encode(asset.Kind)).Append(" · 微信扫码报修<small>").Append(Encode(asset.QrPayload)).Append("</small></li>");
        }

        return html.Append("</ul></body></html>").ToString();
    }

    /// <summary>The QR code of <paramref name="payload"/> as a PNG (error correction M: survives a scuffed sticker).</summary>
    public static byte[] Png(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
