namespace WechatLogistics.Domain.Volunteering;

/// <summary>
/// A school term (学期), computed from the campus date: August–January is the first term of the academic year that
/// starts in August, February–July its second. No configuration to keep in step with the calendar office's dates.
/// </summary>
/// <param name="StartYear">The academic year's first calendar year (2026 for 2026-2027).</param>
/// <param name="Number">1 or 2.</param>
public sealed record VolunteerTerm(int StartYear, int Number)
{
    public static VolunteerTerm Of(DateOnly campusDate) => campusDate.Month switch
    {
        >= 8 => new(campusDate.Year, 1),
        1 => new(campusDate.Year - 1, 1),
        _ => new(campusDate.Year - 1, 2),
    };

    /// <summary>First campus day of the term.</summary>
    public DateOnly From => Number == 1 ? new(StartYear, 8, 1) : new(StartYear + 1, 2, 1);

    /// <summary>The campus day after the term.</summary>
    public DateOnly To => Number == 1 ? new(StartYear + 1, 2, 1) : new(StartYear + 1, 8, 1);

    /// <summary>"2026-2027-1": the key used in the API and the CSV.</summary>
    public string Code => $"{StartYear}-{StartYear + 1}-{Number}";

    /// <summary>"2026-2027学年第一学期".</summary>
    public string Name => $"{StartYear}-{StartYear + 1}学年第{(Number == 1 ? "一" : "二")}学期";

    public static bool TryParse(string? code, out VolunteerTerm term)
    {
        term = null!;
        var parts = code?.Split('-');
        if (parts is not [var a, var b, var n] || !int.TryParse(a, out var start) || !int.TryParse(b, out var end) || end != start + 1
            || start is < 2000 or > 2999 || n is not ("1" or "2"))
        {
            return false;
        }

        term = new VolunteerTerm(start, n == "1" ? 1 : 2);
        return true;
    }
}
