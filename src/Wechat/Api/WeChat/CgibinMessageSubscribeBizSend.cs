using System.Text.Json.Serialization;

namespace WechatLogistics.Wechat.Api.WeChat;

/// <summary>
/// <c>POST /cgi-bin/message/subscribe/bizsend</c>: the Official Account's subscribe notification (服务号 订阅通知,
/// PROTOCOL §4.6). The consent comes from the account's own <c>subscribe_msg_popup_event</c>, so the OpenID is the
/// account's; one acceptance allows one send, without one the platform answers 43101.
/// </summary>
public sealed record CgibinMessageSubscribeBizSendRequest : WeChatApiRequest
{
    [JsonPropertyName("touser")]
    public required string ToUser { get; init; }

    [JsonPropertyName("template_id")]
    public required string TemplateId { get; init; }

    /// <summary>A web page to open from the notification (optional).</summary>
    [JsonPropertyName("page")]
    public string? Page { get; init; }

    /// <summary>Opens the linked mini-program instead of <see cref="Page"/> (same shape as the template message's).</summary>
    [JsonPropertyName("miniprogram")]
    public CgibinMessageTemplateSendRequest.MiniProgramTarget? MiniProgram { get; init; }

    [JsonPropertyName("data")]
    public required IReadOnlyDictionary<string, TemplateValue> Data { get; init; }
}

public sealed record CgibinMessageSubscribeBizSendResponse : WeChatApiResponse;
