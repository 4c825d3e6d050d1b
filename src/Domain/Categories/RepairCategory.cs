using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Domain.Categories;

/// <summary>
/// A node of the repair category tree (水 → 水龙头). A report is filed under a leaf; its default priority
/// seeds the ticket's priority. Deactivated rather than deleted, because old tickets point at it.
/// </summary>
public sealed class RepairCategory : Entity
{
    public const int MaxNameLength = 30;
    public const int MaxCodeLength = 32;

    private RepairCategory(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private RepairCategory()
    {
    }

    public Guid? ParentId { get; private set; }

    public string Name { get; private set; } = null!;

    /// <summary>A stable short code for imports and routing rules, e.g. <c>WATER-TAP</c>.</summary>
    public string Code { get; private set; } = null!;

    public Priority DefaultPriority { get; private set; }

    public int SortOrder { get; private set; }

    public bool IsActive { get; private set; }

    /// <param name="id">A fixed id for seeded data; a new version-7 id when omitted.</param>
    public static RepairCategory Create(
        RepairCategory? parent, string name, string code, Priority defaultPriority, int sortOrder = 0, Guid? id = null) =>
        new(id ?? Guid.CreateVersion7())
        {
            ParentId = parent?.Id,
            Name = ValidName(name),
            Code = Text.Required(code, MaxCodeLength, "category.invalid", $"类别编码需要1到{MaxCodeLength}个字符。"),
            DefaultPriority = defaultPriority,
            SortOrder = sortOrder,
            IsActive = true,
        };

    public void Rename(string name) => Name = ValidName(name);

    public void ChangeDefaultPriority(Priority priority) => DefaultPriority = priority;

    public void Reorder(int sortOrder) => SortOrder = sortOrder;

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    private static string ValidName(string name) =>
        Text.Required(name, MaxNameLength, "category.invalid", $"类别名称需要1到{MaxNameLength}个字。");
}
