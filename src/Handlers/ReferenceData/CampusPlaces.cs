using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.ReferenceData;

/// <summary>
/// Walks the reference trees: a place's building, a building's places, a category's trade (top level) and the
/// trade's categories. Read from <see cref="ReferenceDataCache"/> (every new ticket asks); a place or category the
/// cache does not hold — retired, or added on another instance within the cache's minute — is read from the table,
/// so an old ticket's retired room still has its building and a room added a moment ago is found.
/// </summary>
/// <remarks>
/// The lists (<see cref="PlacesInBuildingAsync"/>, <see cref="CategoriesOfTradeAsync"/>) hold the active rows of the
/// cache: a room or sub-category retired (or added on another instance within the minute) is left out of them, which
/// incident detection (reports of the last half hour) accepts. <see cref="PlacesInBuildingInTableAsync"/> reads every
/// row, retired ones included, for callers that need the whole history (a building's announcement audience).
/// </remarks>
internal static class CampusPlaces
{
    /// <summary>The building a location lies in (itself, or its floor's / room's building); null for none, an area or unknown id.</summary>
    public static async Task<Guid?> BuildingOfAsync(IMemoryCache cache, IAppDbContext db, Guid? locationId, CancellationToken ct)
    {
        if (locationId is not { } id)
        {
            return null;
        }

        var directory = await ReferenceDataCache.LocationsAsync(cache, db, ct);
        return directory.TryFindBuilding(id, out var building) ? building : await BuildingInTableAsync(db, id, ct);
    }

    /// <summary>The building and its active floors and rooms; every one, retired ones too, when the building is not active.</summary>
    public static async Task<List<Guid>> PlacesInBuildingAsync(IMemoryCache cache, IAppDbContext db, Guid buildingId, CancellationToken ct)
    {
        var places = (await ReferenceDataCache.LocationsAsync(cache, db, ct)).PlacesIn(buildingId);
        return places.Count > 0 ? [.. places] : await PlacesInBuildingInTableAsync(db, buildingId, ct);
    }

    /// <summary>The building and every floor and room in it, retired ones included.</summary>
    public static async Task<List<Guid>> PlacesInBuildingInTableAsync(IAppDbContext db, Guid buildingId, CancellationToken ct)
    {
        var floors = await db.Locations.Where(l => l.ParentId == buildingId).Select(l => l.Id).ToListAsync(ct);
        var rooms = await db.Locations.Where(l => l.ParentId != null && floors.Contains(l.ParentId.Value)).Select(l => l.Id).ToListAsync(ct);
        return [buildingId, .. floors, .. rooms];
    }

    /// <summary>The top-level category (水, 电, …) a category belongs to; the tree has two levels.</summary>
    public static async Task<Guid> TradeOfAsync(IMemoryCache cache, IAppDbContext db, Guid categoryId, CancellationToken ct) =>
        await ParentCategoryOfAsync(cache, db, categoryId, ct) ?? categoryId;

    /// <summary>The category a sub-category sits under; null for a top-level or unknown one.</summary>
    public static async Task<Guid?> ParentCategoryOfAsync(IMemoryCache cache, IAppDbContext db, Guid categoryId, CancellationToken ct)
    {
        var tree = await ReferenceDataCache.CategoriesAsync(cache, db, ct);
        return tree.Find(categoryId) is not null
            ? tree.ParentOf(categoryId)?.Id
            : await db.RepairCategories.AsNoTracking().Where(c => c.Id == categoryId).Select(c => c.ParentId).SingleOrDefaultAsync(ct);
    }

    /// <summary>The trade and its active sub-categories; every one, retired ones too, when the trade is not active.</summary>
    public static async Task<List<Guid>> CategoriesOfTradeAsync(IMemoryCache cache, IAppDbContext db, Guid tradeId, CancellationToken ct)
    {
        var categories = (await ReferenceDataCache.CategoriesAsync(cache, db, ct)).CategoriesOfTrade(tradeId);
        return categories.Count > 0
            ? [.. categories]
            : [tradeId, .. await db.RepairCategories.Where(c => c.ParentId == tradeId).Select(c => c.Id).ToListAsync(ct)];
    }

    private static async Task<Guid?> BuildingInTableAsync(IAppDbContext db, Guid locationId, CancellationToken ct)
    {
        Guid? id = locationId;
        for (var depth = 0; depth < 4 && id is { } current; depth++)
        {
            var location = await db.Locations.AsNoTracking().Where(l => l.Id == current).Select(l => new { l.Kind, l.ParentId }).SingleOrDefaultAsync(ct);
            if (location is null || location.Kind < LocationKind.Building)
            {
                return null;
            }

            if (location.Kind == LocationKind.Building)
            {
                return current;
            }

            id = location.ParentId;
        }

        return null;
    }
}
