using System.Globalization;

namespace WechatLogistics.Simulator.FakeApi;

public static class FailCodes
{
    /// <summary>"40001,45009" → [40001, 45009]; null when any item is not an integer.</summary>
    public static IReadOnlyList<int>? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var codes = new List<int>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(item, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
            {
                return null;
            }

            codes.Add(code);
        }

        return codes.Count > 0 ? codes : null;
    }
}
