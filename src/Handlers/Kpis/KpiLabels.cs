using Microsoft.EntityFrameworkCore;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Kpis;

/// <summary>Names for the group keys of each <see cref="KpiDimension"/> (inactive categories and places included).</summary>
internal static class KpiLabels
{
    public static async Task<Func<string, string>> ForAsync(IAppDbContext db, KpiDimension by, CancellationToken ct)
    {
        switch (by)
        {
            case KpiDimension.Category:
                var categories = await db.RepairCategories.AsNoTracking().Where(c => c.ParentId == null).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
                return key => Guid.TryParse(key, out var id) && categories.TryGetValue(id, out var name) ? name : "未知类别";
            case KpiDimension.Building:
                var buildings = await db.Locations.AsNoTracking().Where(l => l.Kind == Domain.Locations.LocationKind.Building).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
                return key => key.Length == 0 ? "未指定楼栋" : Guid.TryParse(key, out var id) && buildings.TryGetValue(id, out var name) ? name : "未知楼栋";
            case KpiDimension.Team:
                var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
                return key => key.Length == 0 ? "未分派班组" : Guid.TryParse(key, out var id) && teams.TryGetValue(id, out var name) ? name : "未知班组";
            case KpiDimension.Worker:
                return key => key.Length == 0 ? "未派单" : key;
            case KpiDimension.Overall:
                return _ => "全部";
            case KpiDimension.Day:
                return key => key;
            default:
                throw new ArgumentOutOfRangeException(nameof(by), by, null);
        }
    }
}
