using System.Text.Json.Serialization;

namespace WechatLogistics.Wechat.Api.WeChat;

/// <summary><c>POST /cgi-bin/message/template/send</c>: template message of a verified service account (PROTOCOL §4.5).</summary>
public sealed record CgibinMessageTemplateSendRequest : WeChatApiRequest
{
    [JsonPropertyName("touser")]
    public required string ToUser { get; init; }

    [JsonPropertyName("template_id")]
    public required string TemplateId { get; init; }

    /// <summary>Optional jump target; ignored when <see cref="MiniProgram"/> is set.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("miniprogram")]
    public MiniProgramTarget? MiniProgram { get; init; }

    /// <summary>Idempotency id: the platform drops a second send with the same id.</summary>
    [JsonPropertyName("client_msg_id")]
    public string? ClientMessageId { get; init; }

    [JsonPropertyName("data")]
    public required IReadOnlyDictionary<string, TemplateValue> Data { get; init; }

    public sealed record MiniProgramTarget(
        [property: JsonPropertyName("appid")] string AppId,
        [property: JsonPropertyName("pagepath")] string? PagePath = null);
}

public sealed record CgibinMessageTemplateSendResponse : WeChatApiResponse
{
    [JsonPropertyName("msgid")]
    public long MessageId { get; init; }
}
