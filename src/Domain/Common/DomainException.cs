namespace WechatLogistics.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Code"/> is a stable machine string ("ticket.invalid_transition")
/// that callers map to 409/422; the message is a short Simplified Chinese sentence fit to show the user.
/// </summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
