namespace WechatLogistics.Handlers.Common;

/// <summary>
/// Messages to send, written to the database in the same transaction as the change that caused them, and delivered
/// afterwards by the Bot's dispatcher with retries. Handlers only ever enqueue; nothing is sent inside a request.
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// Adds the item to the caller's unit of work: it is stored by the next <c>SaveChangesAsync</c> of the same context,
    /// or not at all. An item whose recipient and message key were enqueued before is ignored.
    /// </summary>
    void Enqueue(OutboxItem item);

    /// <summary>How the deliveries tagged with <paramref name="correlationId"/> stand (announcement reports).</summary>
    Task<IReadOnlyList<OutboxDeliveryCount>> CountDeliveriesAsync(Guid correlationId, CancellationToken ct);
}

/// <summary>Persisted by name: never rename.</summary>
public enum OutboxChannel
{
    /// <summary>客服消息: only within 48 hours of the user's last message (PROTOCOL §4.4).</summary>
    CustomerService = 1,

    /// <summary>订阅通知: one send per acceptance of the template (PROTOCOL §4.6).</summary>
    Subscribe = 2,

    /// <summary>模板消息 (verified service accounts only, PROTOCOL §4.5).</summary>
    Template = 3,

    /// <summary>WeCom app message to members/departments (30 a minute per member, PROTOCOL §5.4).</summary>
    WeComApp = 4,

    /// <summary>WeCom group robot (20 a minute per robot, PROTOCOL §5.5).</summary>
    WeComRobot = 5,

    /// <summary>The mini-program's in-app inbox: always possible, read when the student opens it.</summary>
    InApp = 6,

    /// <summary>
    /// Not a message: incident detection for a new ticket (the recipient is <c>incidents</c>, the text the ticket id). It runs
    /// after the ticket's transaction committed, so it sees every report committed before it, and is retried like a send.
    /// </summary>
    IncidentCheck = 7,

    /// <summary>
    /// Not a message: start the auto-start emergency plan of a new incident (the text is the incident id), after the
    /// incident committed, retried like a send (<c>Plans:AutoStart</c>).
    /// </summary>
    PlanAutoStart = 8,
}

public enum OutboxStatus
{
    Pending = 1,
    Sent = 2,

    /// <summary>Deliberately not sent (no channel could reach the user, nothing configured …), with a reason.</summary>
    Skipped = 3,

    /// <summary>Failed for good: a permanent error, or the attempts ran out; the last errcode is kept.</summary>
    Dead = 4,
}

/// <param name="Channel">The first channel to try. For <see cref="OutboxContent.ReachUser"/> items the dispatcher moves
/// on to the next channel when this one cannot reach the user at send time.</param>
/// <param name="Recipient">OpenId, WeCom UserId list, or a robot route name (never a secret key).</param>
/// <param name="MessageKey">What this message is, e.g. <c>ticket:{id}:v3</c>: with the recipient, the idempotency key.</param>
public sealed record OutboxItem(OutboxChannel Channel, string Recipient, string MessageKey, OutboxContent Content)
{
    /// <summary>Not sent before this time (scheduled announcements); null = as soon as possible.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Groups deliveries for a report (the announcement's id).</summary>
    public Guid? CorrelationId { get; init; }

    /// <summary>
    /// A notice to a WeChat user: customer-service text while the 48-hour window is open, else a subscribe
    /// notification when the user has an acceptance left for the template, else the in-app inbox.
    /// </summary>
    public static OutboxItem Notice(string openId, string messageKey, OutboxContent content) =>
        new(OutboxChannel.CustomerService, openId, messageKey, content with { ReachUser = true });
}

/// <summary>The message, channel-neutral: each channel's sender takes the parts it can show.</summary>
public sealed record OutboxContent
{
    /// <summary>Text for customer service and WeCom app messages, markdown for robots, body of the inbox entry.</summary>
    public required string Text { get; init; }

    /// <summary>
    /// The message in one line, for a digest: a channel that combines messages waiting for the same rate limit (a
    /// group robot) lists the waiting ones by this line. Null: shown in full there.
    /// </summary>
    public string? Summary { get; init; }

    /// <summary>Title of the inbox entry (and of an announcement).</summary>
    public string? Title { get; init; }

    /// <summary>A customer-service news article instead of text (deferred chat answers).</summary>
    public OutboxArticle? Article { get; init; }

    /// <summary>Subscribe/template notification: the template and its keyword values (<c>thing1</c> → 值).</summary>
    public string? TemplateId { get; init; }

    public IReadOnlyDictionary<string, string>? TemplateData { get; init; }

    /// <summary>WeCom app recipients: UserIds and department ids joined by <c>|</c>.</summary>
    public string? WeComToUser { get; init; }

    public string? WeComToParty { get; init; }

    /// <summary>Fall back from customer service to a subscribe notification to the inbox (see <see cref="OutboxItem.Notice"/>).</summary>
    public bool ReachUser { get; init; }
}

public sealed record OutboxArticle(string Title, string? Description, string? Url, string? PictureUrl);

/// <param name="ErrorCode">The last errcode of failed deliveries; null otherwise.</param>
/// <param name="Reason">Why deliveries were skipped; null otherwise.</param>
public sealed record OutboxDeliveryCount(OutboxStatus Status, OutboxChannel Channel, int? ErrorCode, string? Reason, int Count);
