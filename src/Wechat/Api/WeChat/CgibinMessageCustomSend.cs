using System.Text.Json.Serialization;

namespace WechatLogistics.Wechat.Api.WeChat;

/// <summary>
/// <c>POST /cgi-bin/message/custom/send</c>: customer-service message (PROTOCOL §4.4). Allowed only inside the
/// window a user action opens; a closed window is errcode 45015, a used-up quota 45047.
/// </summary>
public sealed record CgibinMessageCustomSendRequest : WeChatApiRequest
{
    [JsonPropertyName("touser")]
    public required string ToUser { get; init; }

    [JsonPropertyName("msgtype")]
    public required string MessageType { get; init; }

    [JsonPropertyName("text")]
    public TextBody? Text { get; init; }

    [JsonPropertyName("image")]
    public ImageBody? Image { get; init; }

    [JsonPropertyName("news")]
    public NewsBody? News { get; init; }

    public static CgibinMessageCustomSendRequest ForText(string toUser, string content) =>
        new() { ToUser = toUser, MessageType = "text", Text = new TextBody(content) };

    public static CgibinMessageCustomSendRequest ForImage(string toUser, string mediaId) =>
        new() { ToUser = toUser, MessageType = "image", Image = new ImageBody(mediaId) };

    public static CgibinMessageCustomSendRequest ForNews(string toUser, params IReadOnlyList<NewsArticle> articles) =>
        new() { ToUser = toUser, MessageType = "news", News = new NewsBody(articles) };

    public sealed record TextBody([property: JsonPropertyName("content")] string Content);

    public sealed record ImageBody([property: JsonPropertyName("media_id")] string MediaId);

    public sealed record NewsBody([property: JsonPropertyName("articles")] IReadOnlyList<NewsArticle> Articles);

    public sealed record NewsArticle
    {
        [JsonPropertyName("title")]
        public required string Title { get; init; }

        [JsonPropertyName("description")]
        public string? Description { get; init; }

        [JsonPropertyName("url")]
        public string? Url { get; init; }

        [JsonPropertyName("picurl")]
        public string? PictureUrl { get; init; }
    }
}

public sealed record CgibinMessageCustomSendResponse : WeChatApiResponse;
