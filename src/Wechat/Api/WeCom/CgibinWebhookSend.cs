using System.Text.Json.Serialization;

namespace WechatLogistics.Wechat.Api.WeCom;

/// <summary>
/// <c>POST /cgi-bin/webhook/send?key=…</c>: group robot (PROTOCOL §5.5). The key is a secret; each robot may
/// send 20 messages a minute.
/// </summary>
public sealed record CgibinWebhookSendRequest : WeChatApiRequest
{
    [JsonPropertyName("msgtype")]
    public required string MessageType { get; init; }

    [JsonPropertyName("text")]
    public WebhookTextBody? Text { get; init; }

    [JsonPropertyName("markdown")]
    public WebhookMarkdownBody? Markdown { get; init; }

    /// <summary>Text ≤ 2048 bytes; <paramref name="mentionedList"/> takes UserIDs or <c>@all</c>.</summary>
    public static CgibinWebhookSendRequest ForText(
        string content, IReadOnlyList<string>? mentionedList = null, IReadOnlyList<string>? mentionedMobileList = null) =>
        new() { MessageType = "text", Text = new WebhookTextBody(content, mentionedList, mentionedMobileList) };

    /// <summary>Markdown ≤ 4096 bytes; colours <c>info</c>, <c>comment</c>, <c>warning</c>.</summary>
    public static CgibinWebhookSendRequest ForMarkdown(string content) =>
        new() { MessageType = "markdown", Markdown = new WebhookMarkdownBody(content) };

    public sealed record WebhookTextBody(
        [property: JsonPropertyName("content")] string Content,
        [property: JsonPropertyName("mentioned_list")] IReadOnlyList<string>? MentionedList = null,
        [property: JsonPropertyName("mentioned_mobile_list")] IReadOnlyList<string>? MentionedMobileList = null);

    public sealed record WebhookMarkdownBody([property: JsonPropertyName("content")] string Content);
}

public sealed record CgibinWebhookSendResponse : WeChatApiResponse;
