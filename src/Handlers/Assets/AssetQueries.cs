using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.Assets;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.Assets;

/// <summary>An asset and its repair history (newest first) as the member may see it.</summary>
public sealed record GetAssetHistoryQuery(string ActorUserId, string Code) : IQuery<AssetHistory>;

/// <param name="RecentReports">First reports (not duplicates) within the recurring-fault period.</param>
public sealed record AssetHistory(AssetView Asset, IReadOnlyList<StaffTicketSummary> Tickets, int RecentReports, bool RecurringFault);

/// <summary>重复报修预警: assets with at least the threshold of first reports within the period, most reports first.</summary>
public sealed record ListRecurringFaultAssetsQuery(string ActorUserId) : IQuery<RecurringFaultAssets>;

public sealed record RecurringFaultAssets(int Threshold, int PeriodDays, IReadOnlyList<RecurringFaultAsset> Items);

public sealed record RecurringFaultAsset(AssetView Asset, int Reports, DateTimeOffset LastReportAt);

/// <summary>The assets at one location (by its code), for the printable QR sheet of a room.</summary>
public sealed record GetAssetSheetQuery(string ActorUserId, string LocationCode) : IQuery<AssetSheet>;

public sealed record AssetSheet(string LocationCode, string Place, IReadOnlyList<AssetView> Assets);

/// <summary>The asset a student names (typed code or QR scan) before reporting, or null when there is no such asset.</summary>
public sealed record FindReportableAssetQuery(string Code) : IQuery<AssetView?>;

public sealed class AssetQueriesHandler(IAppDbContext db, IMemoryCache cache, TimeProvider time, IOptions<AssetOptions> options)
    : IQueryHandler<GetAssetHistoryQuery, AssetHistory>,
        IQueryHandler<ListRecurringFaultAssetsQuery, RecurringFaultAssets>,
        IQueryHandler<GetAssetSheetQuery, AssetSheet>,
        IQueryHandler<FindReportableAssetQuery, AssetView?>
{
    /// <summary>The warning list is for dispatchers to act on, not an export.</summary>
    private const int MaxFlagged = 200;

    public async ValueTask<AssetHistory> Handle(GetAssetHistoryQuery query, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, query.ActorUserId, ct);
        var asset = await FindAsync(query.Code, ct) ?? throw AssetReports.NotFound(query.Code.Trim());
        var now = time.GetUtcNow();
        var rows = await db.RepairTickets.AsNoTracking().Where(t => t.AssetId == asset.Id).VisibleTo(actor)
            .OrderByDescending(t => t.OpenedAt).ToListAsync(ct);
        var policy = options.Value.RecurringFault;
        var since = policy.WindowStart(now);
        var recent = await db.RepairTickets.CountAsync(t => t.AssetId == asset.Id && t.DuplicateOfId == null && t.OpenedAt > since, ct);
        return new AssetHistory(
            (await ViewsAsync([asset], ct))[0], await StaffTicketViews.SummariesAsync(db, cache, rows, now, ct), recent, recent >= policy.Threshold);
    }

    public async ValueTask<RecurringFaultAssets> Handle(ListRecurringFaultAssetsQuery query, CancellationToken ct)
    {
        await StaffAccess.ActorAsync(db, query.ActorUserId, ct);
        var policy = options.Value.RecurringFault;
        var since = policy.WindowStart(time.GetUtcNow());
        var counts = await db.RepairTickets.AsNoTracking()
            .Where(t => t.AssetId != null && t.DuplicateOfId == null && t.OpenedAt > since)
            .GroupBy(t => t.AssetId!.Value)
            .Select(g => new { AssetId = g.Key, Reports = g.Count(), Last = g.Max(t => t.OpenedAt) })
            .Where(g => g.Reports >= policy.Threshold)
            .ToListAsync(ct);
        var top = counts.OrderByDescending(c => c.Reports).ThenByDescending(c => c.Last).Take(MaxFlagged).ToList();
        var ids = top.Select(c => c.AssetId).ToList();
        var assets = await db.Assets.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        var views = (await ViewsAsync(assets, ct)).ToDictionary(v => v.Id);
        return new RecurringFaultAssets(
            policy.Threshold, (int)policy.Period.TotalDays, [.. top.Select(c => new RecurringFaultAsset(views[c.AssetId], c.Reports, c.Last))]);
    }

    public async ValueTask<AssetSheet> Handle(GetAssetSheetQuery query, CancellationToken ct)
    {
        await StaffAccess.ActorAsync(db, query.ActorUserId, ct);
        var code = query.LocationCode.Trim().ToUpperInvariant();
        var locations = await ReferenceDataCache.LocationsAsync(cache, db, ct);
        var location = locations.All.FirstOrDefault(l => string.Equals(l.Code.ToUpperInvariant(), code, StringComparison.Ordinal))
            ?? throw new DomainException("location.not_found", $"没有找到地点编码“{query.LocationCode.Trim()}”。");
        var assets = await db.Assets.AsNoTracking().Where(a => a.LocationId == location.Id && a.Status != AssetStatus.Retired)
            .OrderBy(a => a.Code).ToListAsync(ct);
        return new AssetSheet(location.Code, AssetViews.PlaceOf(locations, location.Id), await ViewsAsync(assets, ct));
    }

    public async ValueTask<AssetView?> Handle(FindReportableAssetQuery query, CancellationToken ct) =>
        await FindAsync(query.Code, ct) is { Status: not AssetStatus.Retired } asset ? (await ViewsAsync([asset], ct))[0] : null;

    private async Task<Asset?> FindAsync(string code, CancellationToken ct) =>
        AssetCode.Normalize(code) is { } normalized ? await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Code == normalized, ct) : null;

    private async Task<IReadOnlyList<AssetView>> ViewsAsync(IReadOnlyList<Asset> assets, CancellationToken ct) =>
        await AssetViews.OfAsync(db, await ReferenceDataCache.LocationsAsync(cache, db, ct), options.Value, assets, ct);
}
