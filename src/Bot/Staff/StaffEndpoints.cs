using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Handlers.Announcements;

namespace WechatLogistics.Bot.Staff;

/// <summary>The staff API: <c>/api/staff</c>. Login is anonymous; everything else needs the Staff policy.</summary>
public static class StaffEndpoints
{
    public static IEndpointRouteBuilder MapStaffEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff").WithTags("Staff");
        staff.MapPost("/login", Login).AllowAnonymous();

        var announcements = staff.MapGroup("/announcements").RequireAuthorization(StaffRoles.Policy);
        announcements.MapPost("/", PublishAsync);
        announcements.MapGet("/{id:guid}/report", ReportAsync);
        return app;
    }

    private static Results<Ok<LoginResponse>, ProblemHttpResult> Login(LoginRequest request, StaffTokens tokens) =>
        tokens.Login(request.UserName ?? "", request.Password ?? "") is { } token
            ? TypedResults.Ok(new LoginResponse(token.AccessToken, "Bearer", token.ExpiresAt))
            : TypedResults.Problem(title: "用户名或密码错误", statusCode: StatusCodes.Status401Unauthorized);

    private static async Task<Created<PublishAnnouncementResult>> PublishAsync(
        PublishAnnouncementRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        var command = new PublishAnnouncementCommand(
            request.Title ?? "", request.Body ?? "", request.Audience, request.BuildingId, request.ScheduledAt, user.FindFirstValue(StaffTokens.NameClaim) ?? "staff");
        var result = await sender.Send(command, ct);
        return TypedResults.Created($"/api/staff/announcements/{result.Id}", result);
    }

    private static async Task<Ok<AnnouncementDeliveryReport>> ReportAsync(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetAnnouncementDeliveryReportQuery(id), ct));
}

public sealed record LoginRequest(string? UserName, string? Password);

public sealed record LoginResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt);

public sealed record PublishAnnouncementRequest(string? Title, string? Body, AnnouncementAudience Audience, Guid? BuildingId, DateTimeOffset? ScheduledAt);
