namespace WechatLogistics.Domain.DepartmentRequests;

/// <summary>One line of a request's history (append-only): who did what, when, at which step, with what comment.</summary>
public sealed class RequestTimelineEntry
{
    public RequestTimelineEntry(DateTimeOffset at, RequestActorKind actorKind, string actorId, RequestAction action, int? step, string? stepName, string? comment)
    {
        At = at;
        ActorKind = actorKind;
        ActorId = actorId;
        Action = action;
        Step = step;
        StepName = stepName;
        Comment = comment;
    }

    public DateTimeOffset At { get; private set; }

    public RequestActorKind ActorKind { get; private set; }

    public string ActorId { get; private set; }

    public RequestAction Action { get; private set; }

    /// <summary>The 1-based step a decision was about; null for filing and withdrawal.</summary>
    public int? Step { get; private set; }

    public string? StepName { get; private set; }

    public string? Comment { get; private set; }
}
