using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.DepartmentRequests;

/// <summary>
/// A college or office (学院/部门) that files requests with the logistics office, with its contacts: the people whose
/// Official Account / mini-program OpenId may file on its behalf.
/// </summary>
public sealed class Department : Entity
{
    public const int MaxNameLength = 40;
    public const int MaxCodeLength = 16;

    private readonly List<DepartmentContact> _contacts = [];

    private Department(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private Department()
    {
    }

    public string Code { get; private set; } = null!;

    public string Name { get; private set; } = null!;

    /// <summary>An inactive department files nothing new; its requests and totals stay.</summary>
    public bool IsActive { get; private set; }

    public IReadOnlyList<DepartmentContact> Contacts => _contacts;

    /// <param name="id">A fixed id for seeded data; a new version-7 id when omitted.</param>
    public static Department Create(string name, string code, Guid? id = null) => new(id ?? Guid.CreateVersion7())
    {
        Name = Text.Required(name, MaxNameLength, "department.invalid", $"部门名称需要1到{MaxNameLength}个字。"),
        Code = Text.Required(code, MaxCodeLength, "department.invalid", $"部门代码需要1到{MaxCodeLength}个字符。"),
        IsActive = true,
    };

    public bool HasContact(string openId) => _contacts.Any(c => string.Equals(c.OpenId, openId, StringComparison.Ordinal));

    /// <summary>Adds a contact, or renames one already listed.</summary>
    public void AddContact(string openId, string name)
    {
        var contact = new DepartmentContact(
            Text.Required(openId, DepartmentContact.MaxOpenIdLength, "department.invalid", "联系人标识不正确。"),
            Text.Required(name, DepartmentContact.MaxNameLength, "department.invalid", $"联系人姓名需要1到{DepartmentContact.MaxNameLength}个字。"));
        _contacts.RemoveAll(c => c.OpenId == contact.OpenId);
        _contacts.Add(contact);
    }

    public void RemoveContact(string openId) => _contacts.RemoveAll(c => c.OpenId == openId);

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}

/// <summary>A person who files for a department, known by their OpenId.</summary>
public sealed record DepartmentContact(string OpenId, string Name)
{
    public const int MaxOpenIdLength = 64;
    public const int MaxNameLength = 30;
}
