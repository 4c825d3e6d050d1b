using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Staff;

/// <summary>
/// Someone of the logistics office, keyed by their WeCom UserId (the chat's FromUserName and the staff API's login
/// name). The rules of what they may do to a ticket are in <c>StaffMember.Access.cs</c>.
/// </summary>
public sealed partial class StaffMember
{
    public const int MaxUserIdLength = 64;
    public const int MaxNameLength = 30;
    public const int MaxEmployeeNoLength = 16;

    // For EF Core materialization.
    private StaffMember()
    {
    }

    public string UserId { get; private set; } = null!;

    public string DisplayName { get; private set; } = null!;

    /// <summary>工号, unique: what dispatchers type in <c>转派 R… 1024</c>.</summary>
    public string EmployeeNo { get; private set; } = null!;

    public StaffRole Role { get; private set; }

    /// <summary>Required for workers; a dispatcher without a team dispatches for every team; admins need none.</summary>
    public Guid? TeamId { get; private set; }

    /// <summary>An inactive member can neither sign in to the staff API nor act, and gets no new tickets.</summary>
    public bool IsActive { get; private set; }

    /// <summary>
    /// The member's own WeChat OpenId when they are also a student volunteer: a coordinator cannot enter volunteer hours
    /// for this identity (or any OpenId linked to it).
    /// </summary>
    public string? WeChatOpenId { get; private set; }

    public static StaffMember Create(string userId, string displayName, string employeeNo, StaffRole role, Guid? teamId)
    {
        var member = new StaffMember
        {
            UserId = Text.Required(userId, MaxUserIdLength, "staff.invalid", $"企业微信账号需要1到{MaxUserIdLength}个字符。"),
            EmployeeNo = Text.Required(employeeNo, MaxEmployeeNoLength, "staff.invalid", $"工号需要1到{MaxEmployeeNoLength}个字符。"),
            IsActive = true,
        };
        member.Rename(displayName);
        member.ChangeRole(role, teamId);
        return member;
    }

    public void Rename(string displayName) =>
        DisplayName = Text.Required(displayName, MaxNameLength, "staff.invalid", $"姓名需要1到{MaxNameLength}个字。");

    public void ChangeRole(StaffRole role, Guid? teamId)
    {
        if (!Enum.IsDefined(role))
        {
            throw new DomainException("staff.invalid", "角色不正确。");
        }

        if (role == StaffRole.Worker && teamId is null)
        {
            throw new DomainException("staff.invalid", "维修工必须属于一个班组。");
        }

        Role = role;
        TeamId = teamId;
    }

    public void LinkWeChat(string? openId) =>
        WeChatOpenId = Text.Optional(openId, MaxUserIdLength, "staff.invalid", $"微信OpenId不能超过{MaxUserIdLength}个字符。");

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}
