namespace WechatLogistics.Wechat.Messages;

/// <summary>
/// Parses a plaintext (or decrypted) inbound XML push into an <see cref="InboundMessage"/>
/// (PROTOCOL §2, §5.2). Unknown message types and events become <see cref="UnknownMessage"/> and
/// <see cref="UnknownEvent"/>; only malformed or hostile XML and missing header fields are errors.
/// </summary>
public static partial class InboundMessageParser
{
    public const int DefaultMaxCharacters = 64 * 1024;

    /// <exception cref="WeChatXmlException">Malformed XML, a DTD, more than <paramref name="maxCharacters"/>
    /// characters, a missing ToUserName/FromUserName/CreateTime/MsgType, or a bad number.</exception>
    public static InboundMessage Parse(string xml, int maxCharacters = DefaultMaxCharacters)
    {
        var fields = XmlFields.Read(xml, maxCharacters);
        var header = new Header(
            fields.Required("ToUserName"),
            fields.Required("FromUserName"),
            fields.RequiredInt64("CreateTime"),
            fields.Required("MsgType"),
            fields.OptionalInt32("AgentID"));

        return header.MsgType.ToLowerInvariant() switch
        {
            "text" => new TextMessage
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                Content = fields.Text("Content"),
                MsgId = MsgId(fields),
            },
            "image" => new ImageMessage
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                PicUrl = fields.Optional("PicUrl") ?? string.Empty,
                MediaId = fields.Optional("MediaId") ?? string.Empty,
                MsgId = MsgId(fields),
            },
            "voice" => new VoiceMessage
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                MediaId = fields.Optional("MediaId") ?? string.Empty,
                Format = fields.Optional("Format") ?? string.Empty,
                Recognition = fields.Text("Recognition") is { Length: > 0 } text ? text : null,
                MsgId = MsgId(fields),
            },
            "video" or "shortvideo" => new VideoMessage
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                MediaId = fields.Optional("MediaId") ?? string.Empty,
                ThumbMediaId = fields.Optional("ThumbMediaId") ?? string.Empty,
                IsShortVideo = header.MsgType.Equals("shortvideo", StringComparison.OrdinalIgnoreCase),
                MsgId = MsgId(fields),
            },
            "location" => new LocationMessage
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                Latitude = fields.Double("Location_X"),
                Longitude = fields.Double("Location_Y"),
                Scale = fields.OptionalInt32("Scale") ?? 0,
                Label = fields.Text("Label"),
                MsgId = MsgId(fields),
            },
            "link" => new LinkMessage
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                Title = fields.Text("Title"),
                Description = fields.Text("Description"),
                Url = fields.Optional("Url") ?? string.Empty,
                MsgId = MsgId(fields),
            },
            "event" => ParseEvent(fields, header),
            _ => new UnknownMessage
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                MsgId = fields.OptionalInt64("MsgId") ?? fields.OptionalInt64("MsgID"),
            },
        };
    }

    private static long MsgId(XmlFields fields) => fields.OptionalInt64("MsgId") ?? 0;

    private readonly record struct Header(
        string ToUserName, string FromUserName, long CreateTime, string MsgType, int? AgentId);
}
