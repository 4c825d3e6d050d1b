using Mediator;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.DepartmentRequests;

/// <summary>
/// 同意: the actor approves the step waiting. <paramref name="Step"/> (1-based) names the step the approver means: sending the
/// same approval again is then refused as already decided instead of approving the next step too (clients should send it).
/// </summary>
public sealed record ApproveDepartmentRequestCommand(string ActorUserId, string Request, string? Comment, int? Step = null)
    : ICommand<DepartmentRequestDecision>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => DecideDepartmentRequest.Validate(ActorUserId, Request, Comment, Step);
}

/// <summary>驳回: the actor rejects at the step waiting, with a comment (required); the chain ends there.</summary>
public sealed record RejectDepartmentRequestCommand(string ActorUserId, string Request, string Comment, int? Step = null)
    : ICommand<DepartmentRequestDecision>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. DecideDepartmentRequest.Validate(ActorUserId, Request, Comment, Step),
        .. InputRules.Required(nameof(Comment), Comment, DepartmentRequest.MaxCommentLength, "驳回意见"),
    ];
}

/// <param name="NextStep">The step now waiting, when the request is still under way.</param>
/// <param name="TicketNumber">The repair ticket an approved maintenance request became.</param>
/// <param name="Message">The sentence a chat reply or a toast shows.</param>
public sealed record DepartmentRequestDecision(
    Guid Id, string Number, RequestStatus Status, string StatusName, int ApprovedSteps, int TotalSteps, string? NextStep, string? TicketNumber, string Message);

public sealed class DecideDepartmentRequestHandler(IAppDbContext db, TimeProvider time, MaintenanceTicketFromRequest tickets)
    : ICommandHandler<ApproveDepartmentRequestCommand, DepartmentRequestDecision>,
      ICommandHandler<RejectDepartmentRequestCommand, DepartmentRequestDecision>
{
    public ValueTask<DepartmentRequestDecision> Handle(ApproveDepartmentRequestCommand command, CancellationToken ct) =>
        DecideAsync(command.ActorUserId, command.Request, async (actor, request, now) =>
        {
            request.Approve(actor, command.Comment, now, command.Step);
            if (request.Status == RequestStatus.Approved && request.Kind == RequestKind.Maintenance)
            {
                await tickets.OpenAsync(request, now, ct);
            }
        }, ct);

    public ValueTask<DepartmentRequestDecision> Handle(RejectDepartmentRequestCommand command, CancellationToken ct) =>
        DecideAsync(command.ActorUserId, command.Request, (actor, request, now) =>
        {
            request.Reject(actor, command.Comment, now, command.Step);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Load, decide, save once. A concurrent decision (another approver, the same approval sent twice at once) moves the
    /// request's Version or collides on the ticket's key: reload and decide again on the current state, which then says
    /// the step is already decided.
    /// </summary>
    private async ValueTask<DepartmentRequestDecision> DecideAsync(
        string actorUserId, string reference, Func<StaffMember, DepartmentRequest, DateTimeOffset, Task> decide, CancellationToken ct)
    {
        const int MaxAttempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var actor = await StaffAccess.ActorAsync(db, actorUserId, ct);
            var request = await DepartmentRequestAccess.RequestAsync(db, reference, ct);
            await decide(actor, request, time.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(ct);
                return DecideDepartmentRequest.ResultOf(request);
            }
            catch (Exception ex) when (StorageConflict.Is(ex) && attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}

internal static class DecideDepartmentRequest
{
    public static IEnumerable<ValidationError> Validate(string actor, string request, string? comment, int? step) =>
    [
        .. DepartmentRequestAccess.Validate("ActorUserId", actor, request),
        .. InputRules.Optional("Comment", comment, DepartmentRequest.MaxCommentLength, "审批意见"),
        .. InputRules.Unless(step is null or >= 1, "Step", "审批步骤从1开始。"),
    ];

    public static DepartmentRequestDecision ResultOf(DepartmentRequest request)
    {
        var number = request.Number.ToString();
        var message = request.Status switch
        {
            RequestStatus.Approved when request.TicketNumber is { } ticket => $"已批准申报 {number}，已生成报修单 {ticket}。",
            RequestStatus.Approved => $"已批准申报 {number}，已通知申报部门。",
            RequestStatus.Rejected => $"已驳回申报 {number}，已通知申报部门。",
            RequestStatus.Withdrawn => $"申报 {number} 已撤回。",
            _ => $"已同意申报 {number}，转「{request.CurrentStep!.Name}」继续审批。",
        };
        return new DepartmentRequestDecision(
            request.Id, number, request.Status, request.Status.Name(), request.ApprovedSteps, request.Steps.Count, request.CurrentStep?.Name,
            request.TicketNumber, message);
    }
}
