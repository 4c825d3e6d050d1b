using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Staff;

/// <summary>A maintenance team (班组: 水电班, 木工班, 网络组 …) that routing rules send tickets to.</summary>
public sealed class Team : Entity
{
    public const int MaxNameLength = 30;

    private Team(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private Team()
    {
    }

    public string Name { get; private set; } = null!;

    /// <summary>Deactivated rather than deleted: tickets keep pointing at it; routing skips it.</summary>
    public bool IsActive { get; private set; }

    /// <param name="id">A fixed id for seeded data; a new version-7 id when omitted.</param>
    public static Team Create(string name, Guid? id = null) =>
        new(id ?? Guid.CreateVersion7()) { Name = ValidName(name), IsActive = true };

    public void Rename(string name) => Name = ValidName(name);

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    private static string ValidName(string name) =>
        Text.Required(name, MaxNameLength, "team.invalid", $"班组名称需要1到{MaxNameLength}个字。");
}
