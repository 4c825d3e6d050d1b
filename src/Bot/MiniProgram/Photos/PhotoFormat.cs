namespace WechatLogistics.Bot.MiniProgram.Photos;

public enum PhotoFormat
{
    Jpeg,
    Png,
    WebP,
}

/// <summary>Recognises an image by its first bytes (magic numbers), never by its name or declared Content-Type.</summary>
public static class PhotoFormats
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static PhotoFormat? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [0xFF, 0xD8, 0xFF, ..] => PhotoFormat.Jpeg,
        _ when head.StartsWith(PngSignature) => PhotoFormat.Png,
        // RIFF <size> WEBP
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => PhotoFormat.WebP,
        _ => null,
    };

    public static string Extension(PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => "jpg",
        PhotoFormat.Png => "png",
        _ => "webp",
    };

    public static string ContentType(PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => "image/jpeg",
        PhotoFormat.Png => "image/png",
        _ => "image/webp",
    };

    public static PhotoFormat? FromExtension(string extension) => extension switch
    {
        "jpg" => PhotoFormat.Jpeg,
        "png" => PhotoFormat.Png,
        "webp" => PhotoFormat.WebP,
        _ => null,
    };
}
