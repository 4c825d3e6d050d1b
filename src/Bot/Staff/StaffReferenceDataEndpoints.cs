using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.StaffAdmin;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// Reference data under <c>/api/staff</c>: teams, staff members, routing rules, locations, categories. Any staff member
/// reads; only admins create and change (the Admin policy here, and the handlers check the member's role again).
/// </summary>
public static class StaffReferenceDataEndpoints
{
    public static RouteGroupBuilder MapStaffReferenceDataEndpoints(this RouteGroupBuilder staff)
    {
        var data = staff.MapGroup("/").RequireAuthorization(StaffRoles.Policy).WithTags("Staff reference data");

        data.MapGet("/teams", (ClaimsPrincipal u, ISender s, CancellationToken ct) => ListAsync(s, new ListTeamsQuery(Actor(u)), ct))
            .WithName("StaffListTeams").WithSummary("Maintenance teams");
        data.MapPost("/teams", (TeamRequest b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            CreatedAsync(s, new CreateTeamCommand(Actor(u), b.Name ?? ""), v => $"/api/staff/teams/{v.Id}", ct))
            .RequireAuthorization(StaffRoles.AdminPolicy).WithName("StaffCreateTeam").WithSummary("Create a team");
        data.MapPut("/teams/{id:guid}", (Guid id, TeamRequest b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            OkAsync(s, new UpdateTeamCommand(Actor(u), id, b.Name ?? "", b.IsActive ?? true), ct))
            .RequireAuthorization(StaffRoles.AdminPolicy).WithName("StaffUpdateTeam").WithSummary("Rename or (de)activate a team");

        data.MapGet("/staff-members", (Guid? teamId, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            ListAsync(s, new ListStaffMembersQuery(Actor(u), teamId), ct))
            .WithName("StaffListMembers").WithSummary("Staff members, optionally of one team");
        data.MapPost("/staff-members", (StaffMemberRequest b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            CreatedAsync(s, new CreateStaffMemberCommand(Actor(u), b.UserId ?? "", b.DisplayName ?? "", b.EmployeeNo ?? "", b.Role, b.TeamId) { WeChatOpenId = b.WeChatOpenId },
                v => $"/api/staff/staff-members/{v.UserId}", ct))
            .RequireAuthorization(StaffRoles.AdminPolicy).WithName("StaffCreateMember").WithSummary("Add a staff member (WeCom UserId, 工号, role, team)");
        data.MapPut("/staff-members/{userId}", (string userId, StaffMemberRequest b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            OkAsync(s, new UpdateStaffMemberCommand(Actor(u), userId, b.DisplayName ?? "", b.Role, b.TeamId, b.IsActive ?? true) { WeChatOpenId = b.WeChatOpenId }, ct))
            .RequireAuthorization(StaffRoles.AdminPolicy).WithName("StaffUpdateMember").WithSummary("Change a member's name, role, team or active flag");

        data.MapGet("/routing-rules", (ClaimsPrincipal u, ISender s, CancellationToken ct) => ListAsync(s, new ListRoutingRulesQuery(Actor(u)), ct))
            .WithName("StaffListRoutingRules").WithSummary("Routing rules (building × category → team)");
        data.MapPost("/routing-rules", (RoutingRuleRequest b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            CreatedAsync(s, new CreateRoutingRuleCommand(Actor(u), b.BuildingId, b.CategoryId, b.TeamId), v => $"/api/staff/routing-rules/{v.Id}", ct))
            .RequireAuthorization(StaffRoles.AdminPolicy).WithName("StaffCreateRoutingRule").WithSummary("Add a routing rule");
        data.MapPut("/routing-rules/{id:guid}", (Guid id, RoutingRuleRequest b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            OkAsync(s, new UpdateRoutingRuleCommand(Actor(u), id, b.TeamId, b.IsActive ?? true), ct))
            .RequireAuthorization(StaffRoles.AdminPolicy).WithName("StaffUpdateRoutingRule").WithSummary("Change a rule's team or (de)activate it");

        data.MapGet("/locations", (ClaimsPrincipal u, ISender s, CancellationToken ct) => ListAsync(s, new ListAllLocationsQuery(Actor(u)), ct))
            .WithName("StaffListLocations").WithSummary("All locations, inactive included");
        data.MapPost("/locations", (LocationRequest b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            CreatedAsync(s, new CreateLocationCommand(Actor(u), b.ParentId, b.Kind, b.Name ?? "", b.Code ?? "", b.SortOrder ?? 0),
                v => $"/api/staff/locations/{v.Id}", ct))
            .RequireAuthorization(StaffRoles.AdminPolicy).WithName("StaffCreateLocation").WithSummary("Add a location");
        data.MapPut("/locations/{id:guid}", (Guid id, LocationRequest b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            OkAsync(s, new UpdateLocationCommand(Actor(u), id, b.Name ?? "", b.IsActive ?? true), ct))
            .RequireAuthorization(StaffRoles.AdminPolicy).WithName("StaffUpdateLocation").WithSummary("Rename or (de)activate a location");

        data.MapGet("/categories", (ClaimsPrincipal u, ISender s, CancellationToken ct) => ListAsync(s, new ListAllCategoriesQuery(Actor(u)), ct))
            .WithName("StaffListCategories").WithSummary("All repair categories, inactive included");
        data.MapPost("/categories", (CategoryRequest b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            CreatedAsync(s, new CreateCategoryCommand(Actor(u), b.ParentId, b.Name ?? "", b.Code ?? "", b.DefaultPriority ?? Priority.Normal, b.SortOrder ?? 0),
                v => $"/api/staff/categories/{v.Id}", ct))
            .RequireAuthorization(StaffRoles.AdminPolicy).WithName("StaffCreateCategory").WithSummary("Add a repair category");
        data.MapPut("/categories/{id:guid}", (Guid id, CategoryRequest b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            OkAsync(s, new UpdateCategoryCommand(Actor(u), id, b.Name ?? "", b.DefaultPriority ?? Priority.Normal, b.IsActive ?? true), ct))
            .RequireAuthorization(StaffRoles.AdminPolicy).WithName("StaffUpdateCategory").WithSummary("Rename, reprioritise or (de)activate a category");
        return staff;
    }

    private static string Actor(ClaimsPrincipal user) => StaffTicketEndpoints.ActorOf(user);

    private static async Task<Ok<IReadOnlyList<T>>> ListAsync<T>(ISender sender, IQuery<IReadOnlyList<T>> query, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(query, ct));

    private static async Task<Created<T>> CreatedAsync<T>(ISender sender, ICommand<T> command, Func<T, string> location, CancellationToken ct)
    {
        var view = await sender.Send(command, ct);
        return TypedResults.Created(location(view), view);
    }

    private static async Task<Ok<T>> OkAsync<T>(ISender sender, ICommand<T> command, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(command, ct));
}

public sealed record TeamRequest(string? Name, bool? IsActive);

public sealed record StaffMemberRequest(string? UserId, string? DisplayName, string? EmployeeNo, StaffRole Role, Guid? TeamId, bool? IsActive, string? WeChatOpenId = null);

public sealed record RoutingRuleRequest(Guid? BuildingId, Guid? CategoryId, Guid TeamId, bool? IsActive);

public sealed record LocationRequest(Guid? ParentId, LocationKind Kind, string? Name, string? Code, int? SortOrder, bool? IsActive);

public sealed record CategoryRequest(Guid? ParentId, string? Name, string? Code, Priority? DefaultPriority, int? SortOrder, bool? IsActive);
