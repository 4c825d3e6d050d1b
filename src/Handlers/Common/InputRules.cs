namespace WechatLogistics.Handlers.Common;

/// <summary>Small checks shared by the <see cref="IValidatable"/> messages; each yields at most one error.</summary>
public static class InputRules
{
    public static IEnumerable<ValidationError> Required(string field, string? value, int maxLength, string what)
    {
        var length = value?.Trim().Length ?? 0;
        if (length == 0 || length > maxLength)
        {
            yield return new ValidationError(field, $"{what}需要1到{maxLength}个字。");
        }
    }

    public static IEnumerable<ValidationError> Optional(string field, string? value, int maxLength, string what)
    {
        if (value is not null && value.Trim().Length > maxLength)
        {
            yield return new ValidationError(field, $"{what}不能超过{maxLength}个字。");
        }
    }

    /// <summary>One error unless <paramref name="valid"/>.</summary>
    public static IEnumerable<ValidationError> Unless(bool valid, string field, string message) =>
        valid ? [] : [new ValidationError(field, message)];

    /// <summary>An OpenId / UserId: present and short (WeChat's are 28 characters, WeCom's at most 64).</summary>
    public static IEnumerable<ValidationError> UserId(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64)
        {
            yield return new ValidationError(field, "用户标识不正确。");
        }
    }

    /// <summary>A 1-based page and a page size of 1..<paramref name="maxPageSize"/>.</summary>
    public static IEnumerable<ValidationError> Paging(int page, int pageSize, int maxPageSize) =>
    [
        .. Unless(page >= 1, "Page", "页码从1开始。"),
        .. Unless(pageSize >= 1 && pageSize <= maxPageSize, "PageSize", $"每页1到{maxPageSize}条。"),
    ];
}
