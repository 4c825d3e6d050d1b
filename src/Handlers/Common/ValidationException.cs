namespace WechatLogistics.Handlers.Common;

/// <summary>One invalid field: its name as the API client sent it, and a short Chinese message.</summary>
public sealed record ValidationError(string Field, string Message);

/// <summary>A command or query failed validation before its handler ran (HTTP 400 with field names).</summary>
public sealed class ValidationException(IReadOnlyList<ValidationError> errors)
    : Exception("校验失败：" + string.Join("；", errors.Select(e => e.Field + " " + e.Message)))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
