namespace WechatLogistics.Domain.Locations;

/// <summary>Levels of the campus hierarchy, outermost first. Persisted: never renumber.</summary>
public enum LocationKind
{
    Area = 1,
    Building = 2,
    Floor = 3,
    Room = 4,
}
