using System.Globalization;
using System.Text.RegularExpressions;

namespace WechatLogistics.Handlers.DepartmentRequests.Chat;

/// <summary>Reading what people type for a cost ("1200", "1,200.50元", "￥300") and a date ("2026-12-01", "12月1日", "12/1").</summary>
public static partial class DepartmentRequestAnswers
{
    /// <summary>The amount in yuan as typed (sign and decimals kept, so the caller can say what is wrong), or null.</summary>
    public static decimal? Cost(string text)
    {
        var cleaned = text.Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal)
            .TrimStart('¥', '￥').Replace("元", "", StringComparison.Ordinal).Trim();
        return decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cost)
            ? cost
            : null;
    }

    /// <summary>A full date, or a month and day (this year, or next year when that day has passed), or null.</summary>
    public static DateOnly? Date(string text, DateOnly today)
    {
        var match = DatePattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["y"].Success)
        {
            return Make(int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture), month, day);
        }

        var thisYear = Make(today.Year, month, day);
        return thisYear is { } date && date < today ? Make(today.Year + 1, month, day) : thisYear;
    }

    private static DateOnly? Make(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    [GeneratedRegex(@"^(?:(?<y>\d{4})[-/.年])?(?<m>\d{1,2})[-/.月](?<d>\d{1,2})[日号]?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex DatePattern();
}
