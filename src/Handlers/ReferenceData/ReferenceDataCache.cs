using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.ReferenceData;

/// <summary>
/// Locations and categories change a few times a term and are read by every 报修 message: keep them in memory
/// briefly. A minute bounds how long an edit by staff takes to reach the chat, on every instance, without any
/// invalidation traffic. Shared by the reference-data queries and the ticket queries that show names.
/// </summary>
internal static class ReferenceDataCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private const string CategoriesKey = "refdata:categories";

    private const string LocationsKey = "refdata:locations";

    /// <summary>After an edit: this instance reads the tables again at once; others within <see cref="Lifetime"/>.</summary>
    public static void Forget(IMemoryCache cache)
    {
        cache.Remove(CategoriesKey);
        cache.Remove(LocationsKey);
    }

    public static async ValueTask<RepairCategoryTree> CategoriesAsync(IMemoryCache cache, IAppDbContext db, CancellationToken ct) =>
        await cache.GetOrCreateAsync(CategoriesKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            var active = await db.RepairCategories.AsNoTracking().Where(c => c.IsActive).ToListAsync(ct);
            return RepairCategoryTree.From(active);
        }) ?? RepairCategoryTree.From([]);

    public static async ValueTask<LocationDirectory> LocationsAsync(IMemoryCache cache, IAppDbContext db, CancellationToken ct) =>
        await cache.GetOrCreateAsync(LocationsKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            // Untracked: the directory is shared by every request for a minute and only ever read.
            return new LocationDirectory(await db.Locations.AsNoTracking().Where(l => l.IsActive).ToListAsync(ct));
        }) ?? new LocationDirectory([]);
}
