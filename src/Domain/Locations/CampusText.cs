using System.Globalization;
using System.Text;

namespace WechatLogistics.Domain.Locations;

/// <summary>
/// Puts place names and what students type into one comparable form: half-width, lower-case ASCII,
/// Chinese numerals that count places as digits (一号楼 → 1号楼, 第一食堂 → 第1食堂), and no spaces except one between two
/// digits ("东1 302" must not become "东1302").
/// </summary>
internal static class CampusText
{
    private const string Numerals = "零〇一二两三四五六七八九十";
    private const string PlaceWords = "号栋幢楼层室食区舍-#";

    public static string Normalize(string text)
    {
        var chars = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            chars.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => char.ToLowerInvariant((char)(c - 0xFEE0)),
                '\u3000' or '\t' or '\r' or '\n' => ' ',
                '\u2014' or '\u2013' or '\u2012' => '-',
                _ => char.ToLowerInvariant(c),
            });
        }

        return CollapseSpaces(ReplaceNumerals(chars.ToString()));
    }

    private static string ReplaceNumerals(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (!Numerals.Contains(text[i]))
            {
                result.Append(text[i++]);
                continue;
            }

            var start = i;
            while (i < text.Length && Numerals.Contains(text[i]))
            {
                i++;
            }

            var run = text.AsSpan(start, i - start);
            if (IsNumber(text, start, i))
            {
                result.Append(NumeralRun(run));
            }
            else
            {
                result.Append(run);
            }
        }

        return result.ToString();
    }

    // Only where a numeral counts something on campus (一号楼, 第一食堂, 三楼, 三零二), not in words such as
    // 一直 or 十分: a lone numeral converts only before a place word or a digit, or after 第.
    private static bool IsNumber(string text, int start, int end) =>
        end - start >= 2
        || (start > 0 && text[start - 1] == '第')
        || (end < text.Length && (PlaceWords.Contains(text[end]) || char.IsAsciiDigit(text[end])));

    // 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23; without 十, digit by digit (三零二 → 302).
    private static string NumeralRun(ReadOnlySpan<char> run)
    {
        var ten = run.IndexOf('十');
        if (ten >= 0 && ten <= 1 && run.Length - ten <= 2 && run[(ten + 1)..].IndexOf('十') < 0)
        {
            var tens = ten == 0 ? 1 : Digit(run[0]);
            var ones = ten == run.Length - 1 ? 0 : Digit(run[ten + 1]);
            return (tens * 10 + ones).ToString(CultureInfo.InvariantCulture);
        }

        var digits = new StringBuilder(run.Length);
        foreach (var c in run)
        {
            digits.Append(Digit(c));
        }

        return digits.ToString();
    }

    private static int Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '两' => 2,
        '十' => 10,
        _ => "一二三四五六七八九".IndexOf(c) + 1,
    };

    private static string CollapseSpaces(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != ' ')
            {
                result.Append(text[i]);
                continue;
            }

            var next = i;
            while (next < text.Length && text[next] == ' ')
            {
                next++;
            }

            if (result.Length > 0 && next < text.Length && char.IsAsciiDigit(result[^1]) && char.IsAsciiDigit(text[next]))
            {
                result.Append(' ');
            }

            i = next - 1;
        }

        return result.ToString();
    }
}
