using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// <c>/api/staff/tickets</c> and <c>/api/staff/me/tickets</c>: the queue and the ticket actions. A ticket is addressed
/// by its number (R20250903-0042) or id; the actor is the token's subject.
/// </summary>
public static class StaffTicketEndpoints
{
    public static RouteGroupBuilder MapStaffTicketEndpoints(this RouteGroupBuilder staff)
    {
        var tickets = staff.MapGroup("/tickets").RequireAuthorization(StaffRoles.Policy).WithTags("Staff tickets");
        tickets.MapGet("/", QueueAsync).WithName("StaffTicketQueue").WithSummary("The ticket queue with filters and paging");
        tickets.MapGet("/unassigned", UnassignedAsync).WithName("StaffUnassignedTickets").WithSummary("Tickets waiting for a worker (待派)");
        tickets.MapGet("/{ticket}", GetAsync).WithName("StaffTicketDetails").WithSummary("A ticket with its timeline, photos and linked reports");
        tickets.MapPost("/{ticket}/assign", (string ticket, WorkerRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            ChangeAsync(sender, new AssignTicketCommand(ActorOf(user), ticket, body.Worker ?? ""), ct))
            .WithName("StaffAssignTicket").WithSummary("Assign to a worker by 工号 or user id");
        tickets.MapPost("/{ticket}/reassign", (string ticket, WorkerRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            ChangeAsync(sender, new ReassignTicketCommand(ActorOf(user), ticket, body.Worker ?? ""), ct))
            .WithName("StaffReassignTicket").WithSummary("Hand an assigned ticket to another worker (转派)");
        tickets.MapPost("/{ticket}/accept", (string ticket, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            ChangeAsync(sender, new AcceptTicketCommand(ActorOf(user), ticket), ct))
            .WithName("StaffAcceptTicket").WithSummary("Accept (接单), claiming it from the team queue if unassigned");
        tickets.MapPost("/{ticket}/start", (string ticket, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            ChangeAsync(sender, new StartTicketCommand(ActorOf(user), ticket), ct))
            .WithName("StaffStartTicket").WithSummary("Start the repair");
        tickets.MapPost("/{ticket}/resolve", (string ticket, NoteRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            ChangeAsync(sender, new ResolveTicketCommand(ActorOf(user), ticket, body.Note), ct))
            .WithName("StaffResolveTicket").WithSummary("Finish the repair with an optional note");
        tickets.MapPost("/{ticket}/refuse", (string ticket, ReasonRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            ChangeAsync(sender, new RefuseTicketCommand(ActorOf(user), ticket, body.Reason ?? ""), ct))
            .WithName("StaffRefuseTicket").WithSummary("Give an assigned ticket back before accepting (退单)");
        tickets.MapPost("/{ticket}/reject", (string ticket, ReasonRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            ChangeAsync(sender, new RejectTicketCommand(ActorOf(user), ticket, body.Reason ?? ""), ct))
            .WithName("StaffRejectTicket").WithSummary("Decline the report with a reason (dispatcher, admin)");

        staff.MapGet("/me/tickets", MineAsync).RequireAuthorization(StaffRoles.Policy).WithTags("Staff tickets")
            .WithName("StaffMyTickets").WithSummary("The tickets assigned to me (我的工单)");
        return staff;
    }

    /// <summary>The acting member: the token's subject (a WeCom UserId).</summary>
    public static string ActorOf(ClaimsPrincipal user) => user.FindFirstValue(StaffTokens.NameClaim) ?? "";

    private static async Task<Ok<StaffTicketPage>> QueueAsync([AsParameters] TicketQueueRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListTicketQueueQuery(
            ActorOf(user), request.Status, request.CategoryId, request.BuildingId, request.TeamId, request.AssigneeId, request.Overdue,
            request.Page ?? 1, request.PageSize ?? 20), ct));

    private static async Task<Ok<StaffTicketPage>> UnassignedAsync(int? page, int? pageSize, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListUnassignedQuery(ActorOf(user), page ?? 1, pageSize ?? 20), ct));

    private static async Task<Ok<StaffTicketPage>> MineAsync(
        bool? includeClosed, int? page, int? pageSize, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListMyTicketsQuery(ActorOf(user), includeClosed ?? false, page ?? 1, pageSize ?? 20), ct));

    private static async Task<Ok<StaffTicketDetails>> GetAsync(string ticket, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetStaffTicketQuery(ActorOf(user), ticket), ct));

    private static async Task<Ok<StaffTicketChangedResult>> ChangeAsync(
        ISender sender, ICommand<StaffTicketChangedResult> command, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(command, ct));
}

public sealed record TicketQueueRequest(
    TicketStatus? Status, Guid? CategoryId, Guid? BuildingId, Guid? TeamId, string? AssigneeId, bool? Overdue, int? Page, int? PageSize);

public sealed record WorkerRequest(string? Worker);

public sealed record NoteRequest(string? Note);

public sealed record ReasonRequest(string? Reason);
