using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.ReferenceData;

/// <summary>
/// Walks the reference trees in the database (not the one-minute cache: a room added a moment ago must count):
/// a place's building, a building's places, a category's trade (top level) and the trade's categories.
/// </summary>
internal static class CampusPlaces
{
    /// <summary>The building a location lies in (itself, or its floor's / room's building); null for an area or unknown id.</summary>
    public static async Task<Guid?> BuildingOfAsync(IAppDbContext db, Guid locationId, CancellationToken ct)
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

    /// <summary>The building and every floor and room in it.</summary>
    public static async Task<List<Guid>> PlacesInBuildingAsync(IAppDbContext db, Guid buildingId, CancellationToken ct)
    {
        var floors = await db.Locations.Where(l => l.ParentId == buildingId).Select(l => l.Id).ToListAsync(ct);
        var rooms = await db.Locations.Where(l => l.ParentId != null && floors.Contains(l.ParentId.Value)).Select(l => l.Id).ToListAsync(ct);
        return [buildingId, .. floors, .. rooms];
    }

    /// <summary>The top-level category (水, 电, …) a category belongs to; the tree has two levels.</summary>
    public static async Task<Guid> TradeOfAsync(IAppDbContext db, Guid categoryId, CancellationToken ct) =>
        await db.RepairCategories.AsNoTracking().Where(c => c.Id == categoryId).Select(c => c.ParentId).SingleOrDefaultAsync(ct) ?? categoryId;

    /// <summary>The trade and its sub-categories.</summary>
    public static async Task<List<Guid>> CategoriesOfTradeAsync(IAppDbContext db, Guid tradeId, CancellationToken ct) =>
        [tradeId, .. await db.RepairCategories.Where(c => c.ParentId == tradeId).Select(c => c.Id).ToListAsync(ct)];
}
