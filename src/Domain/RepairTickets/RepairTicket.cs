using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.RepairTickets;

/// <summary>
/// A repair report (报修单) and its whole life: dispatch, the worker's accept/refuse, the repair, the
/// student's confirmation and rating or rework. The actions live in <c>RepairTicket.Actions.cs</c>; the
/// allowed moves are the table in <see cref="RepairTicketLifecycle"/>.
/// </summary>
public sealed partial class RepairTicket : Entity
{
    public const int MaxDescriptionLength = 500;
    public const int MaxPhotos = 9;
    public const int MaxNoteLength = 500;
    public const int MaxLocationTextLength = 100;
    public const int MaxIdempotencyKeyLength = 64;

    private readonly List<TicketPhoto> _photos = [];
    private readonly List<TicketTimelineEntry> _timeline = [];

    private RepairTicket(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private RepairTicket()
    {
    }

    public RepairTicketNumber Number { get; private set; } = null!;

    public string ReporterOpenId { get; private set; } = null!;

    public Guid CategoryId { get; private set; }

    /// <summary>The matched building/floor/room, when the student's text matched one.</summary>
    public Guid? LocationId { get; private set; }

    /// <summary>The place as the student wrote it ("东区1号楼 302"); the room usually lives only here.</summary>
    public string? LocationText { get; private set; }

    /// <summary>
    /// The room as repeated reports are compared by (<see cref="IsSameFaultAs"/>): <see cref="LocationText"/> normalised
    /// (<see cref="PlaceKeyOf"/>), "" when there is none. Stored so that the open reports of one room are found by an
    /// index however many the building has. Null only on a row saved before it existed, until the start-up backfill.
    /// </summary>
    public string? PlaceKey { get; private set; }

    public string Description { get; private set; } = null!;

    public IReadOnlyList<TicketPhoto> Photos => _photos;

    public Priority Priority { get; private set; }

    public TicketStatus Status { get; private set; }

    /// <summary>1 for the first repair; +1 each time the student reopens (rework rate = tickets with Round &gt; 1).</summary>
    public int Round { get; private set; }

    /// <summary>
    /// The worker (WeCom UserId) holding the ticket. Cleared when the worker refuses; kept through a
    /// reopen so the dispatcher can hand the rework to the same worker.
    /// </summary>
    public string? AssigneeId { get; private set; }

    /// <summary>The team the ticket was routed to (or that its assignee belongs to); null while unrouted.</summary>
    public Guid? TeamId { get; private set; }

    /// <summary>The open ticket this report repeats (same fault, same place), handled together with it.</summary>
    public Guid? DuplicateOfId { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset ResponseDueAt { get; private set; }

    public DateTimeOffset ResolveDueAt { get; private set; }

    /// <summary>The first acceptance by any worker (first-response KPI); later rounds do not move it.</summary>
    public DateTimeOffset? FirstResponseAt { get; private set; }

    /// <summary>The latest start of work (the current round).</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>The latest resolution; cleared by a reopen, because the fault turned out not to be fixed.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    /// <summary>When the ticket reached a terminal status (Confirmed, Cancelled, Rejected).</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public int? Rating { get; private set; }

    public string? RatingComment { get; private set; }

    /// <summary>Incremented on every change; map it as the optimistic-concurrency token.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<TicketTimelineEntry> Timeline => _timeline;

    /// <summary>
    /// The client's key for the request that opened the ticket (the chat dialog's draft id, the mini-program's
    /// request id), unique per reporter, so a retried request finds this ticket instead of opening a second one
    /// (anchors §1.1: <c>request_key</c> columns).
    /// </summary>
    public string? IdempotencyKey { get; private set; }

    public static RepairTicket Open(
        RepairTicketNumber number,
        string reporterOpenId,
        Guid categoryId,
        Guid? locationId,
        string? locationText,
        string description,
        IReadOnlyList<TicketPhoto> photos,
        Priority priority,
        SlaPolicy slaPolicy,
        DateTimeOffset now,
        string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(photos);
        ArgumentNullException.ThrowIfNull(slaPolicy);
        ArgumentException.ThrowIfNullOrWhiteSpace(reporterOpenId);
        if (categoryId == Guid.Empty)
        {
            throw Invalid("请选择报修类别。");
        }

        var place = Text.Optional(locationText, MaxLocationTextLength, "ticket.invalid", $"报修地点不能超过{MaxLocationTextLength}个字。");
        if (locationId is null && place is null)
        {
            throw Invalid("请填写报修地点。");
        }

        var text = Text.Required(description, MaxDescriptionLength, "ticket.invalid", $"问题描述需要1到{MaxDescriptionLength}个字。");
        if (photos.Count > MaxPhotos)
        {
            throw Invalid($"最多上传{MaxPhotos}张照片。");
        }

        if (photos.Any(p => !p.HasContent))
        {
            throw Invalid("照片上传不完整，请重新上传。");
        }

        var key = Text.Optional(idempotencyKey, MaxIdempotencyKeyLength, "ticket.invalid", "请求标识不正确。");
        var target = slaPolicy.For(priority);
        var ticket = new RepairTicket(Guid.CreateVersion7(now))
        {
            Number = number,
            ReporterOpenId = reporterOpenId,
            CategoryId = categoryId,
            LocationId = locationId,
            LocationText = place,
            PlaceKey = PlaceKeyOf(place),
            Description = text,
            Priority = priority,
            Status = TicketStatus.Submitted,
            Round = 1,
            OpenedAt = now,
            ResponseDueAt = now + target.Response,
            ResolveDueAt = now + target.Resolution,
            Version = 1,
            IdempotencyKey = key,
        };
        ticket._photos.AddRange(photos);
        ticket._timeline.Add(new TicketTimelineEntry(
            now, Actor.Student(reporterOpenId), TicketTimelineAction.Opened, null, TicketStatus.Submitted, null, null));
        ticket.Raise(new RepairTicketOpened(ticket.Id, number.ToString(), reporterOpenId, categoryId, locationId, priority, now));
        return ticket;
    }

    /// <summary>The response clock runs from the report until a worker first accepts (or the ticket closes).</summary>
    public SlaStage ResponseStageAt(DateTimeOffset now, double warningRatio = SlaPolicy.DefaultWarningRatio) =>
        SlaClock.StageOf(OpenedAt, ResponseDueAt, FirstResponseAt ?? ClosedAt, now, warningRatio);

    /// <summary>
    /// The resolution clock runs from the report until resolved (or the ticket closes). A reopen restarts it
    /// against the original due time: the student has been waiting since the report.
    /// </summary>
    public SlaStage ResolutionStageAt(DateTimeOffset now, double warningRatio = SlaPolicy.DefaultWarningRatio) =>
        SlaClock.StageOf(OpenedAt, ResolveDueAt, ResolvedAt ?? ClosedAt, now, warningRatio);

    /// <summary>The worse of the two clocks.</summary>
    public SlaStage StageAt(DateTimeOffset now, double warningRatio = SlaPolicy.DefaultWarningRatio) =>
        (SlaStage)Math.Max((int)ResponseStageAt(now, warningRatio), (int)ResolutionStageAt(now, warningRatio));

    private static DomainException Invalid(string message) => new("ticket.invalid", message);
}
