using System.Buffers;
using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Assets;

/// <summary>
/// The office's asset code (资产编号), e.g. <c>AC-E-D01-0001</c>: what is printed beside the QR code and typed in chat.
/// Letters, digits and <c>- _ .</c>; stored upper-case so "ac-0001" and "AC-0001" are one asset.
/// </summary>
public static class AssetCode
{
    public const int MaxLength = 32;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    /// <summary>The canonical form of <paramref name="text"/>, or null when it cannot be an asset code.</summary>
    public static string? Normalize(string? text)
    {
        var cleaned = Text.Clean(text)?.ToUpperInvariant();
        return cleaned is null || cleaned.Length > MaxLength || cleaned.AsSpan().ContainsAnyExcept(Allowed) ? null : cleaned;
    }

    /// <exception cref="DomainException">asset.invalid_code</exception>
    public static string Valid(string? text) =>
        Normalize(text) ?? throw new DomainException(
            "asset.invalid", $"设备编号需要1到{MaxLength}个字符，只能包含字母、数字和 - _ .");
}
