using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Incidents;

/// <summary>
/// An early warning (预警): several reports of one trade (水, 电, …) in one building within a short window are one
/// problem — a burst pipe, a tripped floor — not many. The incident links them, alerts staff once, and lets the office
/// tell the building's residents in one step. At most one is open per trade and building (unique in storage); later
/// reports link to it until staff close it.
/// </summary>
public sealed partial class Incident : Entity
{
    private readonly List<IncidentTicket> _tickets = [];

    private Incident(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private Incident()
    {
    }

    /// <summary>The top-level repair category.</summary>
    public Guid CategoryId { get; private set; }

    public Guid BuildingId { get; private set; }

    public IncidentStatus Status { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset FirstReportAt { get; private set; }

    public DateTimeOffset LastReportAt { get; private set; }

    public int TicketCount { get; private set; }

    public IReadOnlyList<IncidentTicket> Tickets => _tickets;

    /// <summary>The latest notice sent to the building's residents about it.</summary>
    public Guid? AnnouncementId { get; private set; }

    public DateTimeOffset? AnnouncedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    /// <summary>Incremented on every change; the optimistic-concurrency token (two detections linking at once).</summary>
    public int Version { get; private set; }

    public static Incident Open(Guid categoryId, Guid buildingId, IReadOnlyCollection<(Guid TicketId, DateTimeOffset ReportedAt)> reports, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
        {
            throw new ArgumentException("An incident links at least one report.", nameof(reports));
        }

        var incident = new Incident(Guid.CreateVersion7(now))
        {
            CategoryId = categoryId,
            BuildingId = buildingId,
            Status = IncidentStatus.Open,
            OpenedAt = now,
            FirstReportAt = reports.Min(r => r.ReportedAt),
            LastReportAt = reports.Max(r => r.ReportedAt),
            Version = 1,
        };
        foreach (var (ticketId, reportedAt) in reports.OrderBy(r => r.ReportedAt))
        {
            incident._tickets.Add(new IncidentTicket(ticketId, reportedAt, now));
        }

        incident.TicketCount = incident._tickets.Count;
        incident._timeline.Add(new IncidentTimelineEntry(now, SystemActor, IncidentTimelineAction.Opened, $"{incident.TicketCount}起同类报修，自动开启预警"));
        incident.Raise(new IncidentOpened(incident.Id, categoryId, buildingId, [.. incident._tickets.Select(t => t.TicketId)], now));
        return incident;
    }

    // Later reports join an open incident through IAppDbContext.LinkToOpenIncidentAsync: their link rows, and a
    // set-based update of the count, the report span and the version, so a storm never loads the reports linked so far.

    public void RecordAnnouncement(Guid announcementId, DateTimeOffset now, string? announcedBy = null)
    {
        AnnouncementId = announcementId;
        AnnouncedAt = now;
        Version++;
        _timeline.Add(new IncidentTimelineEntry(now, announcedBy ?? SystemActor, IncidentTimelineAction.Announced, "已通知该楼住户"));
    }

    /// <summary>Closes without a summary: refused while a plan runs (see <see cref="Close(string, string?, DateTimeOffset)"/>).</summary>
    public void Close(string closedBy, DateTimeOffset now) => Close(closedBy, null, now);

    public const int MaxActorLength = 64;

    private void EnsureOpen()
    {
        if (Status != IncidentStatus.Open)
        {
            throw new DomainException("incident.closed", "该预警事件已关闭。");
        }
    }
}
