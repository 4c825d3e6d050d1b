namespace WechatLogistics.Wechat.Api;

/// <summary>
/// The call did not produce a usable platform answer: timeout, network failure, HTTP error status
/// or a body that is not the expected JSON.
/// </summary>
/// <remarks>
/// Flurl's own exceptions put the full URL (access_token, secret, key) in their message, so they are never
/// attached: the message here is redacted and the inner exception is the underlying network exception, if any.
/// </remarks>
public sealed class WeChatTransportException(string message, string apiPath, int? httpStatusCode, bool isTransient, Exception? innerException = null)
    : Exception(WeChatRedaction.Redact(message), innerException)
{
    public string ApiPath { get; } = WeChatRedaction.Redact(apiPath);

    /// <summary>The HTTP status when a response arrived; null for timeouts and network failures.</summary>
    public int? HttpStatusCode { get; } = httpStatusCode;

    /// <summary>True for timeouts, network failures and HTTP 5xx: worth retrying with backoff.</summary>
    public bool IsTransient { get; } = isTransient;
}
