using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Assets;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Assets;

/// <summary>A new report that names an asset: find it by code, link it, and count its recent reports.</summary>
internal static class AssetReports
{
    public static DomainException NotFound(string code) =>
        new("asset.not_found", $"没有找到编号为“{code}”的设备，请核对设备上的编号，或直接描述报修地点。");

    /// <summary>The asset (tracked: the report puts it under repair), by its code as typed, scanned or sent.</summary>
    /// <exception cref="DomainException">asset.not_found; asset.retired.</exception>
    public static async Task<Asset> ReportableAsync(IAppDbContext db, string code, CancellationToken ct)
    {
        var normalized = AssetCode.Normalize(code) ?? throw NotFound(code.Trim());
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.Code == normalized, ct) ?? throw NotFound(normalized);
        asset.EnsureReportable();
        return asset;
    }

    /// <summary>
    /// Flags the report when the asset's earlier first reports (duplicates of an open ticket are the same fault, not a
    /// new one) within the period, with this one, reach the threshold. A duplicate itself is never flagged.
    /// </summary>
    public static async Task FlagIfRecurringAsync(IAppDbContext db, RepairTicket ticket, RecurringFaultPolicy policy, CancellationToken ct)
    {
        if (ticket.AssetId is not { } assetId || ticket.DuplicateOfId is not null)
        {
            return;
        }

        var since = policy.WindowStart(ticket.OpenedAt);
        var earlier = await db.RepairTickets.AsNoTracking()
            .Where(t => t.AssetId == assetId && t.DuplicateOfId == null && t.OpenedAt > since)
            .Select(t => t.OpenedAt)
            .ToListAsync(ct);
        ticket.FlagRecurringFault(policy, earlier);
    }
}
