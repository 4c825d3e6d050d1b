using System.Globalization;

namespace WechatLogistics.Domain.Common;

/// <summary>
/// The shape of the numbers people read and quote: a letter, the campus date and a per-day sequence of at least four
/// digits (<c>R20250903-0042</c>, <c>D20261128-0003</c>). Only canonical text parses, so a parsed number prints back the same.
/// </summary>
internal static class DailyNumber
{
    private const int MinDigits = 4;

    public static string Format(char prefix, DateOnly date, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{date:yyyyMMdd}-{sequence:D4}");

    /// <summary>Accepts surrounding spaces and the lowercase prefix.</summary>
    public static bool TryParse(char prefix, string? text, out DateOnly date, out int sequence)
    {
        date = default;
        sequence = 0;
        var s = text.AsSpan().Trim();
        if (s.Length < 1 + 8 + 1 + MinDigits || char.ToUpperInvariant(s[0]) != prefix || s[9] != '-')
        {
            return false;
        }

        var datePart = s[1..9];
        var sequencePart = s[10..];
        return IsAsciiDigits(datePart)
            && IsAsciiDigits(sequencePart)
            && (sequencePart.Length <= MinDigits || sequencePart[0] != '0')
            && DateOnly.TryParseExact(datePart, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && int.TryParse(sequencePart, NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && sequence >= 1;
    }

    private static bool IsAsciiDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !s.IsEmpty;
    }
}
