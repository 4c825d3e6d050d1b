using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Bot.MiniProgram;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.DepartmentRequests;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// <c>/api/staff/department-requests</c> (any staff member; the handlers check who may decide which step): the list (or
/// <c>awaitingMe=true</c>, 待审批), filing on a department's behalf, one request by number (D20261128-0003) or id,
/// <c>approve</c> / <c>reject</c> with a comment and the step meant, and the cost report as JSON or CSV.
/// </summary>
public static class DepartmentRequestEndpoints
{
    public static RouteGroupBuilder MapDepartmentRequestEndpoints(this RouteGroupBuilder staff)
    {
        var requests = staff.MapGroup("/department-requests").RequireAuthorization(StaffRoles.Policy).WithTags("Staff department requests");
        requests.MapGet("/", ListAsync).WithName("StaffDepartmentRequests").WithSummary("Department requests, newest first; awaitingMe=true: mine to decide");
        requests.MapPost("/", FileAsync).WithName("StaffFileDepartmentRequest").WithSummary("File a request on a department's behalf");
        requests.MapGet("/report", ReportAsync).WithName("StaffDepartmentCostReport").WithSummary("Estimated cost totals per department (requested, approved, rejected, pending)");
        requests.MapGet("/report.csv", ReportCsvAsync).WithName("StaffDepartmentCostReportCsv").WithSummary("The cost report as CSV for Excel");
        requests.MapGet("/{request}", GetAsync).WithName("StaffDepartmentRequest").WithSummary("A request with its approval chain and timeline");
        requests.MapPost("/{request}/approve", (string request, DecisionRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            DecideAsync(sender, new ApproveDepartmentRequestCommand(StaffTicketEndpoints.ActorOf(user), request, body.Comment, body.Step), ct))
            .WithName("StaffApproveDepartmentRequest").WithSummary("Approve the step waiting (send its 1-based step to make a retry safe)");
        requests.MapPost("/{request}/reject", (string request, DecisionRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            DecideAsync(sender, new RejectDepartmentRequestCommand(StaffTicketEndpoints.ActorOf(user), request, body.Comment ?? "", body.Step), ct))
            .WithName("StaffRejectDepartmentRequest").WithSummary("Reject with a comment; ends the chain");
        return staff;
    }

    /// <summary>The kind as JSON clients write it ("Maintenance"); anything else becomes 0, which validation refuses with the allowed values.</summary>
    public static RequestKind KindOf(string? kind) =>
        Enum.TryParse<RequestKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(kind, out _) ? parsed : 0;

    private static async Task<Ok<DepartmentRequestPage>> ListAsync(
        [AsParameters] DepartmentRequestListRequest query, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListDepartmentRequestsQuery(
            StaffTicketEndpoints.ActorOf(user), query.Status, query.DepartmentId, query.AwaitingMe ?? false, query.Page ?? 1, query.PageSize ?? 20), ct));

    private static async Task<Results<Created<FiledDepartmentRequest>, Ok<FiledDepartmentRequest>>> FileAsync(
        FileRequest body, HttpRequest http, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(body.ToCommand(StaffTicketEndpoints.ActorOf(user), asStaff: true, IdempotencyKey.From(http)), ct);
        return result.AlreadyExisted ? TypedResults.Ok(result) : TypedResults.Created($"/api/staff/department-requests/{result.Number}", result);
    }

    private static async Task<Ok<DepartmentRequestDetails>> GetAsync(string request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetDepartmentRequestQuery(StaffTicketEndpoints.ActorOf(user), true, request), ct));

    private static async Task<Ok<DepartmentRequestDecision>> DecideAsync(ISender sender, ICommand<DepartmentRequestDecision> command, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(command, ct));

    private static async Task<Ok<DepartmentCostReport>> ReportAsync(
        DateOnly? from, DateOnly? to, ClaimsPrincipal user, ISender sender, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(ReportQuery(from, to, user, time), ct));

    private static async Task<FileContentHttpResult> ReportCsvAsync(
        DateOnly? from, DateOnly? to, ClaimsPrincipal user, ISender sender, TimeProvider time, CancellationToken ct)
    {
        var report = await sender.Send(ReportQuery(from, to, user, time), ct);
        return TypedResults.File(DepartmentCostCsv.Write(report), "text/csv; charset=utf-8", $"department-costs-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.csv");
    }

    /// <summary>Campus dates, <c>to</c> exclusive; by default the current calendar year so far.</summary>
    private static GetDepartmentCostReportQuery ReportQuery(DateOnly? from, DateOnly? to, ClaimsPrincipal user, TimeProvider time)
    {
        var today = CampusTime.DateOf(time.GetUtcNow());
        return new GetDepartmentCostReportQuery(StaffTicketEndpoints.ActorOf(user), from ?? new DateOnly(today.Year, 1, 1), to ?? today.AddDays(1));
    }
}

public sealed record DepartmentRequestListRequest(RequestStatus? Status, Guid? DepartmentId, bool? AwaitingMe, int? Page, int? PageSize);

/// <param name="Kind"><c>Maintenance</c>, <c>Purchase</c>, <c>VenueSupport</c> or <c>EventSupport</c>.</param>
/// <param name="EstimatedCost">Yuan, at most two decimals.</param>
/// <param name="WantedDate">Campus date, not before today.</param>
public sealed record FileRequest(Guid? DepartmentId, string? Kind, string? Description, string? Place, decimal? EstimatedCost, DateOnly? WantedDate)
{
    /// <summary>The command for a staff member (on a department's behalf) or a contact (mini-program).</summary>
    public FileDepartmentRequestCommand ToCommand(string filedBy, bool asStaff, string? idempotencyKey) => new(
        filedBy, asStaff, DepartmentId, DepartmentRequestEndpoints.KindOf(Kind), Description ?? "", Place, EstimatedCost ?? 0, WantedDate ?? default,
        idempotencyKey);
}

/// <param name="Step">The 1-based step the decision is about (recommended: a resent decision is then refused, not applied to the next step).</param>
public sealed record DecisionRequest(string? Comment, int? Step);
