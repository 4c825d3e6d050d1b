using System.Text.Json.Serialization;

namespace WechatLogistics.Wechat.Api.WeChat;

/// <summary><c>POST /cgi-bin/stable_token</c> (PROTOCOL §4.2). Normal mode returns the same token while it is valid.</summary>
public sealed record CgibinStableTokenRequest : WeChatApiRequest
{
    [JsonPropertyName("grant_type")]
    public string GrantType { get; init; } = "client_credential";

    [JsonPropertyName("appid")]
    public required string AppId { get; init; }

    [JsonPropertyName("secret")]
    public required string Secret { get; init; }

    /// <summary>Invalidates the previous token; limited to 20 a day, 30 s apart: only for a leaked token.</summary>
    [JsonPropertyName("force_refresh")]
    public bool ForceRefresh { get; init; }
}

public sealed record CgibinStableTokenResponse : WeChatApiResponse
{
    [JsonPropertyName("access_token")]
    public string AccessToken { get; init; } = string.Empty;

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; init; }
}
