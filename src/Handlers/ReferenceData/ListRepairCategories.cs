using Mediator;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.ReferenceData;

/// <summary>The active repair categories as a tree, in menu order (cached for a minute).</summary>
public sealed record ListRepairCategoriesQuery : IQuery<RepairCategoryTree>;

public sealed class ListRepairCategoriesQueryHandler(IAppDbContext db, IMemoryCache cache)
    : IQueryHandler<ListRepairCategoriesQuery, RepairCategoryTree>
{
    public ValueTask<RepairCategoryTree> Handle(ListRepairCategoriesQuery query, CancellationToken ct) =>
        ReferenceDataCache.CategoriesAsync(cache, db, ct);
}
