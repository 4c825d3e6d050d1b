namespace WechatLogistics.Domain.DepartmentRequests;

/// <summary>A request was filed: the approvers of its first step are told.</summary>
public sealed record DepartmentRequestSubmitted(Guid RequestId, string Number, DateTimeOffset At);

/// <summary>
/// A step was approved or the request rejected (<paramref name="Action"/>), by <paramref name="ActorId"/> at the 1-based
/// <paramref name="Step"/>. <paramref name="Status"/> is the request's status after it: still Submitted means the next
/// step's approvers are waiting.
/// </summary>
public sealed record DepartmentRequestDecided(
    Guid RequestId, string Number, RequestAction Action, int Step, string StepName, string ActorId, string? Comment, RequestStatus Status, DateTimeOffset At);
