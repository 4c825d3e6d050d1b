using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Feedbacks;

/// <summary>The active canteens (buildings whose name contains 食堂) in campus menu order: by area, then building.</summary>
public sealed record ListCanteensQuery : IQuery<IReadOnlyList<Location>>;

public sealed class ListCanteensQueryHandler(IAppDbContext db) : IQueryHandler<ListCanteensQuery, IReadOnlyList<Location>>
{
    public const string CanteenWord = "食堂";

    public async ValueTask<IReadOnlyList<Location>> Handle(ListCanteensQuery query, CancellationToken ct)
    {
        var canteens = await db.Locations.AsNoTracking()
            .Where(l => l.IsActive && l.Kind == LocationKind.Building && l.Name.Contains(CanteenWord))
            .ToListAsync(ct);
        var areaIds = canteens.Select(c => c.ParentId).OfType<Guid>().Distinct().ToList();
        var areaOrder = await db.Locations.AsNoTracking()
            .Where(l => areaIds.Contains(l.Id))
            .ToDictionaryAsync(l => l.Id, l => l.SortOrder, ct);
        return [.. canteens
            .OrderBy(c => c.ParentId is { } area ? areaOrder.GetValueOrDefault(area) : 0)
            .ThenBy(c => c.SortOrder)
            .ThenBy(c => c.Code, StringComparer.Ordinal)];
    }
}
