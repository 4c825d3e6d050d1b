namespace WechatLogistics.Domain.Incidents;

/// <summary>One line of an incident's history (append-only): who did what, when, with the note, task or summary.</summary>
public sealed class IncidentTimelineEntry
{
    public const int MaxNoteLength = 600;

    internal IncidentTimelineEntry(DateTimeOffset at, string actorId, IncidentTimelineAction action, string? note, int? taskNumber = null)
    {
        Id = Guid.CreateVersion7(at);
        At = at;
        ActorId = actorId.Length <= Incident.MaxActorLength ? actorId : actorId[..Incident.MaxActorLength];
        Action = action;
        TaskNumber = taskNumber;
        Note = note is null || note.Length <= MaxNoteLength ? note : note[..MaxNoteLength];
    }

    // For EF Core materialization.
    private IncidentTimelineEntry()
    {
        ActorId = null!;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>A staff member's WeCom UserId, or <see cref="Incident.SystemActor"/>.</summary>
    public string ActorId { get; private set; }

    public IncidentTimelineAction Action { get; private set; }

    /// <summary>The plan task the entry is about.</summary>
    public int? TaskNumber { get; private set; }

    public string? Note { get; private set; }
}
