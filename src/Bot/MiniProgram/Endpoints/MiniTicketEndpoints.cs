using WechatLogistics.Bot.Http;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.MiniProgram.Auth;
using WechatLogistics.Bot.MiniProgram.Photos;
using WechatLogistics.Handlers.RepairTickets;

namespace WechatLogistics.Bot.MiniProgram.Endpoints;

/// <summary>报修 in the mini-program: the same commands and queries as the chat, for the signed-in student.</summary>
public static class MiniTicketEndpoints
{
    public static RouteGroupBuilder MapMiniTicketEndpoints(this RouteGroupBuilder student)
    {
        var tickets = student.MapGroup("/tickets").WithTags("Mini program: repairs");
        tickets.MapPost("/", CreateAsync)
            .Accepts<MiniTicketRequest>("application/json", "multipart/form-data")
            .Produces<MiniTicketCreated>(StatusCodes.Status201Created)
            .WithIdempotencyKey()
            .WithSummary("Report a repair (JSON, or multipart with up to 3 photos)")
            .WithExample(MiniExamples.NewTicket, MiniExamples.Created);
        tickets.MapGet("/", ListAsync).WithSummary("My tickets, newest first");
        tickets.MapGet("/{id:guid}", async Task<Ok<RepairTicketDetails>> (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(MiniTicketDetails.From(await sender.Send(new GetRepairTicketQuery(id, null, MiniTokens.OpenIdOf(user)), ct))))
            .WithSummary("One of my tickets with its timeline");
        tickets.MapPost("/{id:guid}/cancel", async Task<Ok<RepairTicketChangedResult>> (Guid id, MiniCancelTicketRequest? body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CancelRepairTicketCommand(id, MiniTokens.OpenIdOf(user), body?.Reason), ct)))
            .WithSummary("Withdraw a report before work starts");
        tickets.MapPost("/{id:guid}/confirm", async Task<Ok<RepairTicketChangedResult>> (Guid id, MiniConfirmTicketRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ConfirmRepairCommand(id, MiniTokens.OpenIdOf(user), body.Rating, body.Comment), ct)))
            .WithSummary("Confirm a finished repair and rate it 1–5")
            .WithExample(new MiniConfirmTicketRequest(5, "师傅很快就修好了"), null);
        tickets.MapPost("/{id:guid}/reopen", async Task<Ok<RepairTicketChangedResult>> (Guid id, MiniReopenTicketRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ReopenRepairTicketCommand(id, MiniTokens.OpenIdOf(user), body.Reason ?? ""), ct)))
            .WithSummary("Not fixed: send the ticket back for rework");
        tickets.MapGet("/{id:guid}/photos/{index:int}", PhotoAsync).WithSummary("A photo of my ticket");
        return student;
    }

    private static async Task<Ok<MiniPage<RepairTicketSummary>>> ListAsync(
        [AsParameters] Paging paging, bool? includeClosed, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        var query = new ListMyRepairTicketsQuery(MiniTokens.OpenIdOf(user), includeClosed ?? false, paging.PageOrFirst, paging.SizeOrDefault) { WithTotal = true };
        var page = await sender.Send(query, ct);
        return TypedResults.Ok(new MiniPage<RepairTicketSummary>(page.Page, page.PageSize, page.Total ?? 0, page.Items));
    }

    private static async Task<Results<Created<MiniTicketCreated>, Ok<MiniTicketCreated>>> CreateAsync(
        HttpRequest request, ClaimsPrincipal user, ISender sender, IPhotoStore store, IOptions<MiniApiOptions> options, CancellationToken ct)
    {
        var submission = await MiniTicketSubmission.ReadAsync(request, MiniTokens.OpenIdOf(user), options.Value.PhotoMaxBytes, ct);
        var (result, created) = await submission.SendAsync(sender, store, ct);
        var body = MiniTicketCreated.From(result);
        return created ? TypedResults.Created($"/api/mini/tickets/{body.Id}", body) : TypedResults.Ok(body);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> PhotoAsync(
        Guid id, int index, ClaimsPrincipal user, ISender sender, IPhotoStore store, CancellationToken ct)
    {
        var photo = await sender.Send(new GetRepairTicketPhotoQuery(id, index, MiniTokens.OpenIdOf(user)), ct);
        return photo.StoreKey is { } key && await store.OpenAsync(key, ct) is { } stored
            ? TypedResults.Stream(stored.Content, stored.ContentType)
            // A chat photo known only by its MediaId is the ticket's but not stored here.
            : MiniProblems.Problem(StatusCodes.Status404NotFound, "ticket.photo_unavailable", "这张照片无法在小程序中查看");
    }
}
