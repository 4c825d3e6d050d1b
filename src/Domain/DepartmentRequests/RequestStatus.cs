namespace WechatLogistics.Domain.DepartmentRequests;

/// <summary>Where a request stands. Submitted until the last step approves, a step rejects, or the filer withdraws.</summary>
public enum RequestStatus
{
    Submitted = 1,
    Approved = 2,
    Rejected = 3,
    Withdrawn = 4,
}

/// <summary>What happened on a request's timeline. Persisted by name: never rename.</summary>
public enum RequestAction
{
    Submitted = 1,

    /// <summary>One step approved (the last one also makes the request Approved).</summary>
    StepApproved = 2,

    Rejected = 3,
    Withdrawn = 4,

    /// <summary>The approved maintenance request became a repair ticket (the note holds its number).</summary>
    TicketOpened = 5,
}

/// <summary>Who acted: a department contact (OpenId), a staff member (WeCom UserId), or the system.</summary>
public enum RequestActorKind
{
    System = 0,
    Contact = 1,
    Staff = 2,
}
