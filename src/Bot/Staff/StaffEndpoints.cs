using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Handlers.Announcements;
using WechatLogistics.Handlers.StaffAdmin;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// The staff API: <c>/api/staff</c>. Login is anonymous; everything else needs a staff token, and the handlers check the
/// member's role and team again (docs/decisions/staff-dispatch.md).
/// </summary>
public static class StaffEndpoints
{
    public static IEndpointRouteBuilder MapStaffEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff").WithTags("Staff");
        staff.MapPost("/login", LoginAsync).AllowAnonymous().WithName("StaffLogin").WithSummary("Sign in with a staff account; returns a bearer token");

        var announcements = staff.MapGroup("/announcements").RequireAuthorization(StaffRoles.DispatcherPolicy);
        announcements.MapPost("/", PublishAsync).WithName("StaffPublishAnnouncement").WithSummary("Publish an announcement to an audience");
        announcements.MapGet("/{id:guid}/report", ReportAsync).WithName("StaffAnnouncementReport").WithSummary("Delivery counts of an announcement");

        staff.MapStaffTicketEndpoints();
        staff.MapStaffReferenceDataEndpoints();
        staff.MapDepartmentRequestEndpoints();
        staff.MapStaffAssetEndpoints();
        return app;
    }

    /// <summary>The member row's role wins; a configured account without one keeps its configured role; a deactivated member is refused.</summary>
    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, StaffTokens tokens, ISender sender, CancellationToken ct)
    {
        var account = tokens.Verify(request.UserName ?? "", request.Password ?? "");
        var member = account is null ? null : await sender.Send(new FindStaffMemberQuery(account.UserName), ct);
        var role = account is null || member is { IsActive: false } ? null
            : member is not null ? StaffRoles.Of(member.Role)
            : StaffRoles.FromConfiguration(account.Role);
        return role is null
            ? TypedResults.Problem(title: "用户名或密码错误", statusCode: StatusCodes.Status401Unauthorized)
            : TypedResults.Ok(ToResponse(tokens.Issue(account!.UserName, role)));
    }

    private static LoginResponse ToResponse(StaffToken token) => new(token.AccessToken, "Bearer", token.ExpiresAt);

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
