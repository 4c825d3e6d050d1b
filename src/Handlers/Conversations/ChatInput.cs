namespace WechatLogistics.Handlers.Conversations;

/// <summary>
/// One inbound chat message or event, independent of the WeChat wire format. The receiver maps the
/// platform's XML to this; dialogs only ever see this shape.
/// </summary>
/// <param name="Account">The account the user talks to (Official Account AppId, or CorpId:AgentId).</param>
/// <param name="UserId">The user's OpenId (Official Account) or UserId (WeCom).</param>
public sealed record ChatInput(
    string Account,
    string UserId,
    ChatInputKind Kind,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The text the user typed (trimmed by the engine, never null for <see cref="ChatInputKind.Text"/>).</summary>
    public string? Text { get; init; }

    /// <summary>Menu key (CLICK), URL (VIEW) or QR scene (subscribe/SCAN).</summary>
    public string? EventKey { get; init; }

    public ChatMedia? Media { get; init; }

    public ChatLocation? Location { get; init; }
}

public enum ChatInputKind
{
    Text,
    Image,
    Voice,
    Video,
    Location,
    Link,
    Subscribe,
    Unsubscribe,
    Scan,
    MenuClick,
    MenuView,
    LocationReport,
    Other,
}

/// <summary>A picture or other media the user sent: WeChat keeps MediaId for 3 days, PicUrl longer.</summary>
public sealed record ChatMedia(string MediaId, string? Url);

public sealed record ChatLocation(double Latitude, double Longitude, string? Label);
