namespace WechatLogistics.Wechat.Api;

/// <summary>The platform answered with <c>errcode != 0</c>.</summary>
/// <remarks>The message is built only from redacted parts: it never carries access_token, secret or key values.</remarks>
public sealed class WeChatApiException(int errorCode, string errorMessage, string apiPath)
    : Exception($"WeChat API {WeChatRedaction.Redact(apiPath)} failed: errcode {errorCode}, errmsg {WeChatRedaction.Redact(errorMessage)}")
{
    public int ErrorCode { get; } = errorCode;

    public string ErrorMessage { get; } = WeChatRedaction.Redact(errorMessage);

    public string ApiPath { get; } = WeChatRedaction.Redact(apiPath);
}
