using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WechatLogistics.Domain.Assets;
using WechatLogistics.Handlers.Assets;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// <c>/api/staff/assets</c>: import (dispatchers and admins; the handler checks the role again), an asset's repair
/// history, the recurring-fault list, and the printable QR sheet of a room. Reads are open to any staff member.
/// </summary>
public static class StaffAssetEndpoints
{
    public static RouteGroupBuilder MapStaffAssetEndpoints(this RouteGroupBuilder staff)
    {
        var assets = staff.MapGroup("/assets").RequireAuthorization(StaffRoles.Policy).WithTags("Staff assets");
        assets.MapPost("/import", ImportAsync).RequireAuthorization(StaffRoles.DispatcherPolicy)
            .Accepts<string>("text/csv").WithName("StaffImportAssets")
            .WithSummary("Import assets from CSV (code,kind,location,team,person,purchase_date,value,status); bad rows are reported by line");
        assets.MapGet("/recurring-faults", (ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            OkAsync(s, new ListRecurringFaultAssetsQuery(StaffTicketEndpoints.ActorOf(u)), ct))
            .WithName("StaffRecurringFaultAssets").WithSummary("Assets with repeated repairs in the period (重复报修预警)");
        assets.MapGet("/{code}", (string code, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            OkAsync(s, new GetAssetHistoryQuery(StaffTicketEndpoints.ActorOf(u), code), ct))
            .WithName("StaffAssetHistory").WithSummary("An asset with its tickets, newest first");
        assets.MapPut("/{code}", (string code, AssetRequest b, ClaimsPrincipal u, ISender s, CancellationToken ct) =>
            OkAsync(s, new UpdateAssetCommand(StaffTicketEndpoints.ActorOf(u), code, b.Kind ?? "", b.LocationId, b.ResponsibleTeamId,
                b.ResponsibleUserId, b.PurchasedOn, b.Value, b.Status ?? AssetStatus.InUse), ct))
            .RequireAuthorization(StaffRoles.DispatcherPolicy).WithName("StaffUpdateAsset")
            .WithSummary("Change an asset's kind, place, responsible team or person, purchase facts or status");
        assets.MapGet("/sheet/{locationCode}", SheetAsync)
            .WithName("StaffAssetSheet").WithSummary("Printable HTML sheet of a room's asset QR codes");
        return staff;
    }

    private static async Task<Ok<ImportAssetsResult>> ImportAsync(HttpRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ImportAssetsCommand(StaffTicketEndpoints.ActorOf(user), request.Body), ct));

    private static async Task<ContentHttpResult> SheetAsync(
        string locationCode, HttpContext context, ClaimsPrincipal user, ISender sender, CancellationToken ct)
    {
        var sheet = await sender.Send(new GetAssetSheetQuery(StaffTicketEndpoints.ActorOf(user), locationCode), ct);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = AssetSheetPage.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        return TypedResults.Content(AssetSheetPage.Render(sheet), "text/html; charset=utf-8");
    }

    private static async Task<Ok<T>> OkAsync<T>(ISender sender, IQuery<T> query, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(query, ct));

    private static async Task<Ok<T>> OkAsync<T>(ISender sender, ICommand<T> command, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(command, ct));
}

public sealed record AssetRequest(
    string? Kind, Guid LocationId, Guid? ResponsibleTeamId, string? ResponsibleUserId, DateOnly? PurchasedOn, decimal? Value, AssetStatus? Status);
