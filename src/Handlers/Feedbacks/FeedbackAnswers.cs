using System.Text;

namespace WechatLogistics.Handlers.Feedbacks;

/// <summary>Reads what students type at the feedback steps: stars in any of the ways phones write them, yes/no, text.</summary>
public static class FeedbackAnswers
{
    private const string ChineseDigits = "一二三四五";

    /// <summary>
    /// 1–5 from "5", "５" (folded before), "五", "5星", "五分", "⭐⭐⭐⭐⭐" or "★★★"; null for anything else.
    /// </summary>
    public static int? Stars(string text)
    {
        var t = text.Trim();
        foreach (var suffix in (string[])["颗星", "星", "分"])
        {
            if (t.Length > suffix.Length && t.EndsWith(suffix, StringComparison.Ordinal))
            {
                t = t[..^suffix.Length].Trim();
                break;
            }
        }

        if (t.Length == 1 && t[0] is >= '1' and <= '5')
        {
            return t[0] - '0';
        }

        if (t.Length == 1 && (ChineseDigits.IndexOf(t[0], StringComparison.Ordinal) is var index and >= 0))
        {
            return index + 1;
        }

        return t == "两" ? 2 : StarSymbols(t);
    }

    public static string StarsText(int stars) => new('⭐', stars);

    /// <summary>True for yes (是, 匿名, 1 …), false for no (否, 不, 实名, 2 …), null when unclear.</summary>
    public static bool? YesNo(string text) => text.Trim() switch
    {
        "否" or "不" or "不要" or "不用" or "不匿名" or "实名" or "2" or "no" or "No" or "NO" or "n" or "N" => false,
        "匿名" or "1" => true,
        var t when Conversations.Steps.StepWords.IsYes(t) => true,
        _ => null,
    };

    /// <summary>Text with at least one letter or digit (Chinese characters count as letters): not only emoji or punctuation.</summary>
    public static bool HasWords(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A plausible place name typed freely: short, with at least one Chinese character ("北区清真餐厅").</summary>
    public static bool LooksLikePlaceName(string text) =>
        text.Length is > 0 and <= 20 && text.EnumerateRunes().Any(r => r.Value is >= 0x4E00 and <= 0x9FFF);

    // "⭐⭐⭐" (each may carry the emoji variation selector U+FE0F), "★★★", "🌟🌟".
    private static int? StarSymbols(string text)
    {
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case 0x2B50 or 0x2605 or 0x1F31F:
                    count++;
                    break;
                case 0xFE0F or ' ':
                    break;
                default:
                    return null;
            }
        }

        return count is >= 1 and <= 5 ? count : null;
    }
}
