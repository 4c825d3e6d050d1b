using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.ReferenceData;

/// <summary>
/// Locations, categories and routing rules change a few times a term and are read by every 报修 message and every new
/// ticket: keep them in memory briefly. A minute bounds how long an edit by staff takes to reach the chat, on every
/// instance, without any invalidation traffic; the instance that made the edit drops its copy at once.
/// Only active rows are kept. Callers that may meet a retired row (an old ticket's category or place, a row
/// retired a moment ago) read the table when the cache has nothing, as <see cref="CampusPlaces"/> does.
/// </summary>
/// <remarks>
/// Every edit of cached data calls the matching Forget after its save: locations and categories
/// (StaffAdmin <c>LocationsHandler</c>, <c>CategoriesHandler</c>) call <see cref="Forget"/>; routing rules and teams
/// (StaffAdmin <c>RoutingRulesHandler</c>, <c>TeamsHandler</c> — a rule of a deactivated team no longer routes)
/// call <see cref="ForgetRoutingRules"/>. Seeding runs before the host serves, when nothing is cached yet.
/// </remarks>
internal static class ReferenceDataCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private const string CategoriesKey = "refdata:categories";

    private const string LocationsKey = "refdata:locations";

    private const string RoutingRulesKey = "refdata:routing-rules";

    private static readonly SemaphoreSlim Loading = new(1, 1);

    /// <summary>After an edit of locations or categories: this instance reads the tables again at once; others within <see cref="Lifetime"/>.</summary>
    public static void Forget(IMemoryCache cache)
    {
        cache.Remove(CategoriesKey);
        cache.Remove(LocationsKey);
    }

    /// <summary>After an edit of routing rules or teams: as <see cref="Forget"/>.</summary>
    public static void ForgetRoutingRules(IMemoryCache cache) => cache.Remove(RoutingRulesKey);

    public static ValueTask<RepairCategoryTree> CategoriesAsync(IMemoryCache cache, IAppDbContext db, CancellationToken ct) =>
        GetOrLoadAsync(cache, CategoriesKey, async () =>
        {
            var active = await db.RepairCategories.AsNoTracking().Where(c => c.IsActive).ToListAsync(ct);
            return RepairCategoryTree.From(active);
        }, ct);

    // Untracked: the directory is shared by every request for a minute and only ever read.
    public static ValueTask<LocationDirectory> LocationsAsync(IMemoryCache cache, IAppDbContext db, CancellationToken ct) =>
        GetOrLoadAsync(cache, LocationsKey, async () =>
            new LocationDirectory(await db.Locations.AsNoTracking().Where(l => l.IsActive).ToListAsync(ct)), ct);

    /// <summary>The active routing rules whose team is active (untracked, shared: read only), for <see cref="TicketRouting.MostSpecific"/>.</summary>
    public static ValueTask<IReadOnlyList<RoutingRule>> RoutingRulesAsync(IMemoryCache cache, IAppDbContext db, CancellationToken ct) =>
        GetOrLoadAsync<IReadOnlyList<RoutingRule>>(cache, RoutingRulesKey, async () =>
        {
            var activeTeams = db.Teams.Where(t => t.IsActive).Select(t => t.Id);
            return await db.RoutingRules.AsNoTracking().Where(r => r.IsActive && activeTeams.Contains(r.TeamId)).ToListAsync(ct);
        }, ct);

    /// <summary>
    /// One load at a time: when an entry runs out during a storm of reports, the first request reads the table and the
    /// others wait for its result instead of each reading the table too (dozens of identical loads otherwise).
    /// </summary>
    private static async ValueTask<T> GetOrLoadAsync<T>(IMemoryCache cache, string key, Func<Task<T>> load, CancellationToken ct)
        where T : class
    {
        if (cache.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }

        await Loading.WaitAsync(ct);
        try
        {
            if (cache.TryGetValue(key, out cached) && cached is not null)
            {
                return cached;
            }

            var loaded = await load();
            cache.Set(key, loaded, Lifetime);
            return loaded;
        }
        finally
        {
            Loading.Release();
        }
    }
}
