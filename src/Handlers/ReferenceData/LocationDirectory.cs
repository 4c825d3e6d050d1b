using WechatLogistics.Domain.Locations;

namespace WechatLogistics.Handlers.ReferenceData;

/// <summary>
/// The active locations and a matcher built from them once (it precomputes every building's aliases). Shared across
/// requests: read-only. A retired location is not here: a caller that may meet one (an old ticket's place) asks the
/// table when a lookup comes back empty.
/// </summary>
public sealed class LocationDirectory
{
    /// <summary>Area → building → floor → room: no walk up is longer.</summary>
    private const int MaxDepth = 4;

    private readonly Dictionary<Guid, Location> _byId;
    private readonly ILookup<Guid, Guid> _children;

    public LocationDirectory(IReadOnlyList<Location> locations)
    {
        All = locations;
        _byId = locations.ToDictionary(l => l.Id);
        _children = locations.Where(l => l.ParentId is not null).ToLookup(l => l.ParentId!.Value, l => l.Id);
        Matcher = new LocationMatcher(locations);
    }

    public IReadOnlyList<Location> All { get; }

    public LocationMatcher Matcher { get; }

    public Location? Find(Guid id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// The building a location lies in (itself, or its floor's / room's building), null for an area; false when the
    /// walk up meets a location not in the directory (retired, unknown, or added on another instance within the
    /// cache's lifetime): the caller asks the table.
    /// </summary>
    public bool TryFindBuilding(Guid locationId, out Guid? buildingId)
    {
        buildingId = null;
        Guid? id = locationId;
        for (var depth = 0; depth < MaxDepth && id is { } current; depth++)
        {
            if (Find(current) is not { } location)
            {
                return false;
            }

            if (location.Kind <= LocationKind.Building)
            {
                buildingId = location.Kind == LocationKind.Building ? current : null;
                return true;
            }

            id = location.ParentId;
        }

        // A floor or room with no building above it.
        return true;
    }

    /// <summary>The building and its active floors and rooms (children and grandchildren); empty when the building is not here.</summary>
    public IReadOnlyList<Guid> PlacesIn(Guid buildingId)
    {
        if (Find(buildingId) is null)
        {
            return [];
        }

        var floors = _children[buildingId].ToList();
        return [buildingId, .. floors, .. floors.SelectMany(floor => _children[floor])];
    }

    /// <summary>What a student reads for a ticket's place: the text they confirmed, else the location's name.</summary>
    public string PlaceOf(Guid? locationId, string? locationText) =>
        !string.IsNullOrWhiteSpace(locationText) ? locationText
            : locationId is { } id && Find(id) is { } location ? location.Name
            : "未填写";
}
