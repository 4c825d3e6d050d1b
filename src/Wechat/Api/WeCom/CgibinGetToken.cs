using System.Text.Json.Serialization;

namespace WechatLogistics.Wechat.Api.WeCom;

/// <summary><c>GET /cgi-bin/gettoken?corpid=…&amp;corpsecret=…</c> (PROTOCOL §5.3), sent as query parameters.</summary>
public sealed record CgibinGetTokenRequest : WeChatApiRequest
{
    public required string CorpId { get; init; }

    public required string CorpSecret { get; init; }
}

public sealed record CgibinGetTokenResponse : WeChatApiResponse
{
    [JsonPropertyName("access_token")]
    public string AccessToken { get; init; } = string.Empty;

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; init; }
}
