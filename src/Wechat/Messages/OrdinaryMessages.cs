namespace WechatLogistics.Wechat.Messages;

// Ordinary messages (PROTOCOL §2.2, §5.2). A missing MsgId parses as 0 (see InboundMessage.DedupeKey).

public sealed record TextMessage : InboundMessage
{
    /// <summary>The text exactly as sent (never trimmed).</summary>
    public required string Content { get; init; }

    public required long MsgId { get; init; }

    public override string DedupeKey => MessageDedupeKey(MsgId);
}

public sealed record ImageMessage : InboundMessage
{
    public required string PicUrl { get; init; }

    /// <summary>Fetch with media/get within 3 days.</summary>
    public required string MediaId { get; init; }

    public required long MsgId { get; init; }

    public override string DedupeKey => MessageDedupeKey(MsgId);
}

public sealed record VoiceMessage : InboundMessage
{
    public required string MediaId { get; init; }

    /// <summary>amr or speex.</summary>
    public required string Format { get; init; }

    /// <summary>Speech recognition text; usually absent or empty (PROTOCOL §2.2 voice warning).</summary>
    public string? Recognition { get; init; }

    public required long MsgId { get; init; }

    public override string DedupeKey => MessageDedupeKey(MsgId);
}

/// <summary>MsgType video or shortvideo.</summary>
public sealed record VideoMessage : InboundMessage
{
    public required string MediaId { get; init; }

    public required string ThumbMediaId { get; init; }

    public required bool IsShortVideo { get; init; }

    public required long MsgId { get; init; }

    public override string DedupeKey => MessageDedupeKey(MsgId);
}

public sealed record LocationMessage : InboundMessage
{
    /// <summary>&lt;Location_X&gt;.</summary>
    public required double Latitude { get; init; }

    /// <summary>&lt;Location_Y&gt;.</summary>
    public required double Longitude { get; init; }

    public required int Scale { get; init; }

    public required string Label { get; init; }

    public required long MsgId { get; init; }

    public override string DedupeKey => MessageDedupeKey(MsgId);
}

public sealed record LinkMessage : InboundMessage
{
    public required string Title { get; init; }

    public required string Description { get; init; }

    public required string Url { get; init; }

    public required long MsgId { get; init; }

    public override string DedupeKey => MessageDedupeKey(MsgId);
}

/// <summary>Any other MsgType (e.g. miniprogrampage); never a parse failure.</summary>
public sealed record UnknownMessage : InboundMessage
{
    /// <summary>&lt;MsgId&gt; (or &lt;MsgID&gt;) when present.</summary>
    public long? MsgId { get; init; }

    public override string DedupeKey => MessageDedupeKey(MsgId);
}
