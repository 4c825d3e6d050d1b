using WechatLogistics.Domain.Locations;

namespace WechatLogistics.Handlers.ReferenceData;

/// <summary>
/// The active locations and a matcher built from them once (it precomputes every building's aliases). Shared across
/// requests: read-only.
/// </summary>
public sealed class LocationDirectory
{
    private readonly Dictionary<Guid, Location> _byId;

    public LocationDirectory(IReadOnlyList<Location> locations)
    {
        All = locations;
        _byId = locations.ToDictionary(l => l.Id);
        Matcher = new LocationMatcher(locations);
    }

    public IReadOnlyList<Location> All { get; }

    public LocationMatcher Matcher { get; }

    public Location? Find(Guid id) => _byId.GetValueOrDefault(id);

    /// <summary>What a student reads for a ticket's place: the text they confirmed, else the location's name.</summary>
    public string PlaceOf(Guid? locationId, string? locationText) =>
        !string.IsNullOrWhiteSpace(locationText) ? locationText
            : locationId is { } id && Find(id) is { } location ? location.Name
            : "未填写";
}
