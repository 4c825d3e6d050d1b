using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.MiniProgram;

/// <summary>
/// The <c>Idempotency-Key</c> request header of the create endpoints: the same key returns the same resource (200 with
/// the first answer's body); the same key with a different request is 422. Optional: without it nothing is deduplicated.
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 64;

    /// <exception cref="ValidationException">Longer than 64 characters, or not printable ASCII.</exception>
    public static string? From(HttpRequest request)
    {
        var value = request.Headers[Header].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        return value.Length <= MaxLength && value.All(c => c is > ' ' and <= '~')
            ? value
            : throw new ValidationException([new ValidationError(Header, $"{Header} 需为1到{MaxLength}个可见字符（建议使用 UUID）。")]);
    }
}
