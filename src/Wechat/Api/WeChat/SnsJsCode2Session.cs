using System.Text.Json.Serialization;

namespace WechatLogistics.Wechat.Api.WeChat;

/// <summary>
/// <c>GET /sns/jscode2session</c>: mini-program login (PROTOCOL §4.7). Sent as query parameters with the
/// client's appid and secret; no access token. The code is single-use (40163 when reused).
/// </summary>
public sealed record SnsJsCode2SessionRequest : WeChatApiRequest
{
    public required string JsCode { get; init; }

    public string GrantType { get; init; } = "authorization_code";
}

/// <remarks><see cref="SessionKey"/> must stay on the server; <see cref="WeChatApiResponse.ToString"/> never prints it.</remarks>
public sealed record SnsJsCode2SessionResponse : WeChatApiResponse
{
    [JsonPropertyName("openid")]
    public string OpenId { get; init; } = string.Empty;

    [JsonPropertyName("session_key")]
    public string SessionKey { get; init; } = string.Empty;

    /// <summary>Only present when the mini program is bound to an open-platform account.</summary>
    [JsonPropertyName("unionid")]
    public string? UnionId { get; init; }
}
