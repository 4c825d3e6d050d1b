using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.RepairTickets;

/// <summary>
/// Category paths and places for showing tickets, from the cached reference data; a category deactivated since the
/// report is read from the table (old tickets keep their name).
/// </summary>
internal sealed class TicketNames
{
    private readonly RepairCategoryTree _tree;
    private readonly Dictionary<Guid, string> _retired;

    private TicketNames(RepairCategoryTree tree, Dictionary<Guid, string> retired, LocationDirectory locations)
    {
        _tree = tree;
        _retired = retired;
        Locations = locations;
    }

    public LocationDirectory Locations { get; }

    public static async Task<TicketNames> LoadAsync(IAppDbContext db, IMemoryCache cache, IEnumerable<Guid> categoryIds, CancellationToken ct)
    {
        var tree = await ReferenceDataCache.CategoriesAsync(cache, db, ct);
        var missing = categoryIds.Distinct().Where(id => tree.Find(id) is null).ToList();
        var retired = missing.Count == 0
            ? []
            : await db.RepairCategories.AsNoTracking().Where(c => missing.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return new TicketNames(tree, retired, await ReferenceDataCache.LocationsAsync(cache, db, ct));
    }

    public string Category(Guid id) => _tree.PathOf(id) ?? _retired.GetValueOrDefault(id) ?? "其他";
}
