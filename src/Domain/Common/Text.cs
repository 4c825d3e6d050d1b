namespace WechatLogistics.Domain.Common;

/// <summary>Input clean-up shared by the entities: free text from chat arrives with stray spaces.</summary>
internal static class Text
{
    /// <summary>Trims; null when nothing is left.</summary>
    public static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>Trims and requires 1..<paramref name="maxLength"/> characters.</summary>
    public static string Required(string? value, int maxLength, string code, string message)
    {
        var cleaned = Clean(value);
        if (cleaned is null || cleaned.Length > maxLength)
        {
            throw new DomainException(code, message);
        }

        return cleaned;
    }

    /// <summary>Trims; null when empty; at most <paramref name="maxLength"/> characters.</summary>
    public static string? Optional(string? value, int maxLength, string code, string message)
    {
        var cleaned = Clean(value);
        if (cleaned is not null && cleaned.Length > maxLength)
        {
            throw new DomainException(code, message);
        }

        return cleaned;
    }
}
