using System.Text.Json.Serialization;

namespace WechatLogistics.Wechat.Api.WeCom;

/// <summary>
/// <c>POST /cgi-bin/message/send</c>: app message (PROTOCOL §5.4). <c>agentid</c> is always the client's own
/// app, because the access token only works for that app.
/// </summary>
public sealed record CgibinMessageSendRequest : WeChatApiRequest
{
    /// <summary>Up to 1000 UserIDs joined by <c>|</c>, or <c>@all</c>.</summary>
    [JsonPropertyName("touser")]
    public string? ToUser { get; init; }

    [JsonPropertyName("toparty")]
    public string? ToParty { get; init; }

    [JsonPropertyName("totag")]
    public string? ToTag { get; init; }

    [JsonPropertyName("msgtype")]
    public required string MessageType { get; init; }

    /// <summary>Set by <see cref="WeComApiClient"/> from its settings.</summary>
    [JsonPropertyName("agentid")]
    public int AgentId { get; init; }

    [JsonPropertyName("text")]
    public ContentBody? Text { get; init; }

    [JsonPropertyName("markdown")]
    public ContentBody? Markdown { get; init; }

    [JsonPropertyName("textcard")]
    public TextCardBody? TextCard { get; init; }

    /// <summary>1 = confidential message (保密消息).</summary>
    [JsonPropertyName("safe")]
    public int? Safe { get; init; }

    [JsonPropertyName("enable_id_trans")]
    public int? EnableIdTranslation { get; init; }

    /// <summary>1 = drop an identical request within <see cref="DuplicateCheckInterval"/> seconds.</summary>
    [JsonPropertyName("enable_duplicate_check")]
    public int? EnableDuplicateCheck { get; init; }

    [JsonPropertyName("duplicate_check_interval")]
    public int? DuplicateCheckInterval { get; init; }

    [JsonIgnore]
    internal bool HasRecipient =>
        !string.IsNullOrEmpty(ToUser) || !string.IsNullOrEmpty(ToParty) || !string.IsNullOrEmpty(ToTag);

    public static CgibinMessageSendRequest ForText(string toUser, string content) =>
        new() { ToUser = toUser, MessageType = "text", Text = new ContentBody(content) };

    /// <summary>Content ≤ 2048 bytes; rendered only in the WeCom client.</summary>
    public static CgibinMessageSendRequest ForMarkdown(string toUser, string content) =>
        new() { ToUser = toUser, MessageType = "markdown", Markdown = new ContentBody(content) };

    public static CgibinMessageSendRequest ForTextCard(string toUser, TextCardBody card) =>
        new() { ToUser = toUser, MessageType = "textcard", TextCard = card };

    public sealed record ContentBody([property: JsonPropertyName("content")] string Content);

    /// <summary>title ≤ 128 bytes, description ≤ 512 bytes, url with http(s)://, btntxt ≤ 4 characters.</summary>
    public sealed record TextCardBody
    {
        [JsonPropertyName("title")]
        public required string Title { get; init; }

        [JsonPropertyName("description")]
        public required string Description { get; init; }

        [JsonPropertyName("url")]
        public required string Url { get; init; }

        [JsonPropertyName("btntxt")]
        public string? ButtonText { get; init; }
    }
}

/// <summary>Invalid recipients are reported while the others still receive the message.</summary>
public sealed record CgibinMessageSendResponse : WeChatApiResponse
{
    [JsonPropertyName("invaliduser")]
    public string? InvalidUser { get; init; }

    [JsonPropertyName("invalidparty")]
    public string? InvalidParty { get; init; }

    [JsonPropertyName("invalidtag")]
    public string? InvalidTag { get; init; }

    [JsonPropertyName("unlicenseduser")]
    public string? UnlicensedUser { get; init; }

    /// <summary>Needed to recall the message.</summary>
    [JsonPropertyName("msgid")]
    public string? MessageId { get; init; }

    [JsonPropertyName("response_code")]
    public string? ResponseCode { get; init; }
}
