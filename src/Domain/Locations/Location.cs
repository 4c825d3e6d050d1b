using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Locations;

/// <summary>
/// A place on campus: area (东区) → building (东区学生公寓1号楼) → floor → room. Reference data edited by
/// staff; deactivated rather than deleted, because old tickets point at it.
/// </summary>
public sealed class Location : Entity
{
    public const int MaxNameLength = 50;
    public const int MaxCodeLength = 32;

    private Location(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private Location()
    {
    }

    public Guid? ParentId { get; private set; }

    public LocationKind Kind { get; private set; }

    public string Name { get; private set; } = null!;

    /// <summary>A stable short code for imports and routing rules, e.g. <c>E-D01</c>.</summary>
    public string Code { get; private set; } = null!;

    public int SortOrder { get; private set; }

    public bool IsActive { get; private set; }

    /// <param name="parent">Null for an area; otherwise a location of an outer kind.</param>
    /// <param name="id">A fixed id for seeded data; a new version-7 id when omitted.</param>
    public static Location Create(
        Location? parent, LocationKind kind, string name, string code, int sortOrder = 0, Guid? id = null)
    {
        if (kind == LocationKind.Area ? parent is not null : parent is null || parent.Kind >= kind)
        {
            throw new DomainException("location.invalid", "地点层级不正确。");
        }

        return new Location(id ?? Guid.CreateVersion7())
        {
            ParentId = parent?.Id,
            Kind = kind,
            Name = ValidName(name),
            Code = Text.Required(code, MaxCodeLength, "location.invalid", $"地点编码需要1到{MaxCodeLength}个字符。"),
            SortOrder = sortOrder,
            IsActive = true,
        };
    }

    public void Rename(string name) => Name = ValidName(name);

    public void Reorder(int sortOrder) => SortOrder = sortOrder;

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    private static string ValidName(string name) =>
        Text.Required(name, MaxNameLength, "location.invalid", $"地点名称需要1到{MaxNameLength}个字。");
}
