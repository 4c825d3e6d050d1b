namespace WechatLogistics.Wechat.Messages;

// Events, MsgType=event (PROTOCOL §2.3, §5.2). OA menu events are CLICK/VIEW, WeCom's click/view.

public abstract record EventMessage : InboundMessage
{
    /// <summary>The event name exactly as sent.</summary>
    public required string Event { get; init; }

    /// <summary>Menu key, QR scene or URL depending on the event; null when absent or empty.</summary>
    public string? EventKey { get; init; }

    public sealed override string DedupeKey => EventDedupeKey(Event);
}

/// <summary>A follow; from a parametric QR code when EventKey is qrscene_&lt;scene&gt;.</summary>
public sealed record SubscribeEvent : EventMessage
{
    private const string ScenePrefix = "qrscene_";

    public string? Ticket { get; init; }

    /// <summary>The QR scene (EventKey without "qrscene_"); null for a plain follow.</summary>
    public string? SceneKey =>
        EventKey is { } key && key.StartsWith(ScenePrefix, StringComparison.Ordinal) ? key[ScenePrefix.Length..] : null;
}

public sealed record UnsubscribeEvent : EventMessage;

/// <summary>A follower scanned a parametric QR code; EventKey is the scene (no prefix).</summary>
public sealed record ScanEvent : EventMessage
{
    public string? Ticket { get; init; }
}

public sealed record LocationEvent : EventMessage
{
    public required double Latitude { get; init; }

    public required double Longitude { get; init; }

    public required double Precision { get; init; }
}

/// <summary>OA CLICK / WeCom click; EventKey is the menu key.</summary>
public sealed record ClickEvent : EventMessage;

/// <summary>OA VIEW / WeCom view; EventKey is the URL.</summary>
public sealed record ViewEvent : EventMessage
{
    public string? MenuId { get; init; }
}

/// <summary>Any other event name (TEMPLATESENDJOBFINISH, enter_agent, …); never a parse failure.</summary>
public sealed record UnknownEvent : EventMessage;

/// <summary>One template in a subscribe-notification event: accepted or rejected (PROTOCOL §2.3).</summary>
/// <param name="PopupScene">Where the popup was shown (0, 1, 2); null when absent (change events).</param>
public sealed record SubscribeMessageChoice(string TemplateId, bool Accepted, int? PopupScene);

/// <summary>
/// <c>subscribe_msg_popup_event</c>: the user answered the subscribe-notification popup, accept or reject per template.
/// Each acceptance allows one send of that template (PROTOCOL §4.6).
/// </summary>
public sealed record SubscribeMessagePopupEvent : EventMessage
{
    public required IReadOnlyList<SubscribeMessageChoice> Choices { get; init; }
}

/// <summary><c>subscribe_msg_change_event</c>: the user turned templates off in the settings (items are rejects only).</summary>
public sealed record SubscribeMessageChangeEvent : EventMessage
{
    public required IReadOnlyList<SubscribeMessageChoice> Choices { get; init; }
}
