using System.Text.Json.Serialization;

namespace WechatLogistics.Wechat.Api.WeChat;

/// <summary>
/// <c>GET /cgi-bin/media/get</c>: download temporary media (PROTOCOL §4.8). Images and voice come back as bytes,
/// video as JSON with <c>video_url</c>, errors as a JSON errcode body. Media expire after 3 days.
/// </summary>
public sealed record CgibinMediaGetRequest : WeChatApiRequest
{
    public required string MediaId { get; init; }
}

public sealed record CgibinMediaGetResponse : WeChatApiResponse
{
    /// <summary>The file; empty when the platform answered with JSON (video).</summary>
    [JsonIgnore]
    public byte[] Content { get; init; } = [];

    [JsonIgnore]
    public string? ContentType { get; init; }

    /// <summary>From <c>Content-Disposition: attachment; filename="…"</c>.</summary>
    [JsonIgnore]
    public string? FileName { get; init; }

    /// <summary>Set for video media, which are not returned inline.</summary>
    [JsonPropertyName("video_url")]
    public string? VideoUrl { get; init; }
}
