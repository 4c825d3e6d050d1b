namespace WechatLogistics.Domain.RepairTickets;

/// <summary>One line of a ticket's history (append-only): who did what, when, and the status it moved to.</summary>
public sealed class TicketTimelineEntry
{
    internal TicketTimelineEntry(
        DateTimeOffset at,
        Actor actor,
        TicketTimelineAction action,
        TicketStatus? fromStatus,
        TicketStatus toStatus,
        string? assigneeId,
        string? note)
    {
        Id = Guid.CreateVersion7(at);
        At = at;
        ActorKind = actor.Kind;
        ActorId = actor.Id;
        Action = action;
        FromStatus = fromStatus;
        ToStatus = toStatus;
        AssigneeId = assigneeId;
        Note = note;
    }

    // For EF Core materialization.
    private TicketTimelineEntry()
    {
        ActorId = null!;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public string ActorId { get; private set; }

    public TicketTimelineAction Action { get; private set; }

    /// <summary>Null only on the entry that opened the ticket.</summary>
    public TicketStatus? FromStatus { get; private set; }

    public TicketStatus ToStatus { get; private set; }

    /// <summary>The worker holding the ticket after this change, so per-worker KPIs can read each round.</summary>
    public string? AssigneeId { get; private set; }

    /// <summary>The reason, repair note or comment given with the change.</summary>
    public string? Note { get; private set; }
}
