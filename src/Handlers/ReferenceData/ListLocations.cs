using Mediator;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.ReferenceData;

/// <summary>The active campus locations with a ready <see cref="Domain.Locations.LocationMatcher"/> (cached for a minute).</summary>
public sealed record ListLocationsQuery : IQuery<LocationDirectory>;

public sealed class ListLocationsQueryHandler(IAppDbContext db, IMemoryCache cache)
    : IQueryHandler<ListLocationsQuery, LocationDirectory>
{
    public ValueTask<LocationDirectory> Handle(ListLocationsQuery query, CancellationToken ct) =>
        ReferenceDataCache.LocationsAsync(cache, db, ct);
}
