using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Assets;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.Assets;

/// <param name="Place">The location's name with its building ("东区学生公寓1号楼 3层").</param>
/// <param name="QrPayload">What the asset's printed QR code carries (<see cref="AssetScene.UrlFor"/>).</param>
public sealed record AssetView(
    Guid Id,
    string Code,
    string Kind,
    Guid LocationId,
    string Place,
    Guid? ResponsibleTeamId,
    string? ResponsibleTeamName,
    string? ResponsibleUserId,
    DateOnly? PurchasedOn,
    decimal? Value,
    AssetStatus Status,
    string StatusName,
    string Scene,
    string QrPayload);

internal static class AssetViews
{
    public static async Task<IReadOnlyList<AssetView>> OfAsync(
        IAppDbContext db, LocationDirectory locations, AssetOptions options, IReadOnlyList<Asset> assets, CancellationToken ct)
    {
        var teamIds = assets.Select(a => a.ResponsibleTeamId).OfType<Guid>().Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return
        [
            .. assets.Select(a => new AssetView(
                a.Id, a.Code, a.Kind, a.LocationId, PlaceOf(locations, a.LocationId), a.ResponsibleTeamId,
                a.ResponsibleTeamId is { } team ? teams.GetValueOrDefault(team) : null, a.ResponsibleUserId, a.PurchasedOn, a.Value,
                a.Status, a.Status.Name(), AssetScene.SceneFor(a.Code), AssetScene.UrlFor(options.QrBaseUrl, a.Code))),
        ];
    }

    /// <summary>The location's name after those of the places above it, from the building down ("东区学生公寓1号楼 3层").</summary>
    public static string PlaceOf(LocationDirectory locations, Guid locationId)
    {
        var names = new List<string>();
        for (var location = locations.Find(locationId); location is not null; location = location.ParentId is { } parent ? locations.Find(parent) : null)
        {
            names.Insert(0, location.Name);
            if (location.Kind <= Domain.Locations.LocationKind.Building)
            {
                break;
            }
        }

        return names.Count == 0 ? "未知地点" : string.Join(' ', names);
    }
}
