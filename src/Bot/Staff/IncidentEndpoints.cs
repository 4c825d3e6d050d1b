using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Handlers.Announcements;
using WechatLogistics.Handlers.Incidents;

namespace WechatLogistics.Bot.Staff;

/// <summary>Early-warning incidents for staff: <c>/api/staff/incidents</c> (Staff policy).</summary>
public static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/staff/incidents").WithTags("Staff").RequireAuthorization(StaffRoles.Policy);
        incidents.MapGet("/", ListOpenAsync);
        incidents.MapGet("/{id:guid}", GetAsync);
        incidents.MapPost("/{id:guid}/announce", AnnounceAsync);
        incidents.MapPost("/{id:guid}/close", CloseAsync);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<IncidentSummary>>> ListOpenAsync(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListOpenIncidentsQuery(), ct));

    private static async Task<Ok<IncidentDetails>> GetAsync(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetIncidentQuery(id), ct));

    private static async Task<Created<PublishAnnouncementResult>> AnnounceAsync(
        Guid id, AnnounceIncidentRequest? request, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new AnnounceIncidentCommand(id, request?.Title, request?.Body, StaffName(user)), ct);
        return TypedResults.Created($"/api/staff/announcements/{result.Id}", result);
    }

    private static async Task<Ok<IncidentSummary>> CloseAsync(Guid id, CloseIncidentRequest? request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new CloseIncidentCommand(id, StaffName(user), request?.Summary), ct));

    internal static string StaffName(ClaimsPrincipal user) => user.FindFirstValue(StaffTokens.NameClaim) ?? "staff";
}

/// <summary>The summary (处置总结) is required when an emergency plan runs; it goes on the incident's timeline.</summary>
public sealed record CloseIncidentRequest(string? Summary);

/// <summary>Both optional: empty ones take a ready-made notice naming the building and the trade.</summary>
public sealed record AnnounceIncidentRequest(string? Title, string? Body);
