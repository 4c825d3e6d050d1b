using System.Text.Json.Serialization;

namespace WechatLogistics.Wechat.Api.WeChat;

/// <summary>
/// <c>GET /cgi-bin/user/info?access_token=…&amp;openid=…&amp;lang=zh_CN</c>: what the Official Account may know about a
/// follower. Since 2021 it no longer returns nickname or avatar; <c>unionid</c> is present only when the account is
/// bound to an open-platform account, and it is what links the follower to the same person's mini-program OpenId.
/// </summary>
public sealed record CgibinUserInfoRequest : WeChatApiRequest
{
    public required string OpenId { get; init; }

    public string Language { get; init; } = "zh_CN";
}

public sealed record CgibinUserInfoResponse : WeChatApiResponse
{
    /// <summary>0: the user does not follow the account (then only <see cref="OpenId"/> and <see cref="UnionId"/> may be set).</summary>
    [JsonPropertyName("subscribe")]
    public int Subscribe { get; init; }

    [JsonPropertyName("openid")]
    public string OpenId { get; init; } = string.Empty;

    [JsonPropertyName("unionid")]
    public string? UnionId { get; init; }

    /// <summary>Unix seconds of the last follow.</summary>
    [JsonPropertyName("subscribe_time")]
    public long? SubscribeTime { get; init; }
}
