using System.Text.Json.Serialization;

namespace WechatLogistics.Wechat.Api.WeChat;

/// <summary>
/// <c>POST /cgi-bin/message/subscribe/send</c>: mini-program subscribe message (PROTOCOL §4.6). Each acceptance
/// allows one send; without one the platform answers 43101.
/// </summary>
public sealed record CgibinMessageSubscribeSendRequest : WeChatApiRequest
{
    [JsonPropertyName("touser")]
    public required string ToUser { get; init; }

    [JsonPropertyName("template_id")]
    public required string TemplateId { get; init; }

    /// <summary>Must exist in the released version, else 41030.</summary>
    [JsonPropertyName("page")]
    public string? Page { get; init; }

    /// <summary><c>developer</c>, <c>trial</c> or <c>formal</c> (the platform's default).</summary>
    [JsonPropertyName("miniprogram_state")]
    public string? MiniProgramState { get; init; }

    /// <summary><c>zh_CN</c> (default), <c>en_US</c>, <c>zh_HK</c> or <c>zh_TW</c>.</summary>
    [JsonPropertyName("lang")]
    public string? Language { get; init; }

    [JsonPropertyName("data")]
    public required IReadOnlyDictionary<string, TemplateValue> Data { get; init; }
}

public sealed record CgibinMessageSubscribeSendResponse : WeChatApiResponse
{
    [JsonPropertyName("msgid")]
    public long? MessageId { get; init; }
}
