using System.Security.Claims;
using WechatLogistics.Bot.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Bot.MiniProgram.Auth;
using WechatLogistics.Bot.Staff;
using WechatLogistics.Handlers.DepartmentRequests;

namespace WechatLogistics.Bot.MiniProgram.Endpoints;

/// <summary>
/// 部门申报 in the mini-program, for department contacts (their mini-program OpenId registered as a contact): my departments,
/// file, list, one request with its timeline, withdraw. The same commands and queries as the chat and the staff API.
/// </summary>
public static class MiniDepartmentRequestEndpoints
{
    public static RouteGroupBuilder MapMiniDepartmentRequestEndpoints(this RouteGroupBuilder student)
    {
        student.MapGet("/departments", async Task<Ok<IReadOnlyList<DepartmentItem>>> (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListMyDepartmentsQuery(MiniTokens.OpenIdOf(user)), ct)))
            .WithTags("Mini program: department requests").WithSummary("The departments I file for (empty: not a contact)");

        var requests = student.MapGroup("/department-requests").WithTags("Mini program: department requests");
        requests.MapPost("/", FileAsync).WithIdempotencyKey().WithSummary("File a request for one of my departments");
        requests.MapGet("/", async Task<Ok<MiniPage<DepartmentRequestSummary>>> ([AsParameters] Paging paging, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var page = await sender.Send(new ListMyDepartmentRequestsQuery(MiniTokens.OpenIdOf(user), paging.PageOrFirst, paging.SizeOrDefault), ct);
            return TypedResults.Ok(new MiniPage<DepartmentRequestSummary>(page.Page, page.PageSize, page.Total, page.Items));
        }).WithSummary("My departments' requests, newest first");
        requests.MapGet("/{request}", async Task<Ok<DepartmentRequestDetails>> (string request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetDepartmentRequestQuery(MiniTokens.OpenIdOf(user), false, request), ct)))
            .WithSummary("One request with its approval chain and timeline");
        requests.MapPost("/{request}/withdraw", async Task<Ok<DepartmentRequestDecision>> (string request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new WithdrawDepartmentRequestCommand(MiniTokens.OpenIdOf(user), request), ct)))
            .WithSummary("Take back my request while it is under way");
        return student;
    }

    private static async Task<Results<Created<FiledDepartmentRequest>, Ok<FiledDepartmentRequest>>> FileAsync(
        FileRequest body, HttpRequest http, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(body.ToCommand(MiniTokens.OpenIdOf(user), asStaff: false, IdempotencyKey.From(http)), ct);
        return result.AlreadyExisted ? TypedResults.Ok(result) : TypedResults.Created($"/api/mini/department-requests/{result.Number}", result);
    }
}
