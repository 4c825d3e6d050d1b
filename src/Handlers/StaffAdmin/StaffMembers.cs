using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.StaffAdmin;

public sealed record StaffMemberView(string UserId, string DisplayName, string EmployeeNo, StaffRole Role, Guid? TeamId, bool IsActive)
{
    /// <summary>The member's own WeChat OpenId, when they are also a student volunteer.</summary>
    public string? WeChatOpenId { get; init; }

    public static StaffMemberView Of(StaffMember m) => new(m.UserId, m.DisplayName, m.EmployeeNo, m.Role, m.TeamId, m.IsActive) { WeChatOpenId = m.WeChatOpenId };
}

public sealed record ListStaffMembersQuery(string ActorUserId, Guid? TeamId = null) : IQuery<IReadOnlyList<StaffMemberView>>;

/// <param name="UserId">The WeCom UserId: the chat sender and the staff API login name.</param>
public sealed record CreateStaffMemberCommand(string ActorUserId, string UserId, string DisplayName, string EmployeeNo, StaffRole Role, Guid? TeamId)
    : ICommand<StaffMemberView>, IValidatable
{
    /// <summary>The member's own WeChat OpenId, when they are also a student volunteer (no hours for themselves).</summary>
    public string? WeChatOpenId { get; init; }

    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(UserId), UserId),
        .. InputRules.Required(nameof(DisplayName), DisplayName, StaffMember.MaxNameLength, "姓名"),
        .. InputRules.Required(nameof(EmployeeNo), EmployeeNo, StaffMember.MaxEmployeeNoLength, "工号"),
        .. InputRules.Unless(Enum.IsDefined(Role), nameof(Role), "角色不正确。"),
    ];
}

/// <summary>Replaces name, role, team, the active flag (an inactive member gets no tickets and cannot act) and the linked OpenId.</summary>
public sealed record UpdateStaffMemberCommand(string ActorUserId, string UserId, string DisplayName, StaffRole Role, Guid? TeamId, bool IsActive)
    : ICommand<StaffMemberView>, IValidatable
{
    public string? WeChatOpenId { get; init; }

    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.Required(nameof(DisplayName), DisplayName, StaffMember.MaxNameLength, "姓名"),
        .. InputRules.Unless(Enum.IsDefined(Role), nameof(Role), "角色不正确。"),
    ];
}

public sealed class StaffMembersHandler(IAppDbContext db)
    : IQueryHandler<ListStaffMembersQuery, IReadOnlyList<StaffMemberView>>,
        ICommandHandler<CreateStaffMemberCommand, StaffMemberView>,
        ICommandHandler<UpdateStaffMemberCommand, StaffMemberView>
{
    public async ValueTask<IReadOnlyList<StaffMemberView>> Handle(ListStaffMembersQuery query, CancellationToken ct)
    {
        await AdminAccess.StaffAsync(db, query.ActorUserId, ct);
        var members = db.StaffMembers.AsNoTracking();
        if (query.TeamId is { } teamId)
        {
            members = members.Where(m => m.TeamId == teamId);
        }

        return [.. (await members.OrderBy(m => m.EmployeeNo).ToListAsync(ct)).Select(StaffMemberView.Of)];
    }

    public async ValueTask<StaffMemberView> Handle(CreateStaffMemberCommand command, CancellationToken ct)
    {
        await AdminAccess.AdminAsync(db, command.ActorUserId, ct);
        await EnsureTeamAsync(command.TeamId, ct);
        var member = StaffMember.Create(command.UserId, command.DisplayName, command.EmployeeNo, command.Role, command.TeamId);
        member.LinkWeChat(command.WeChatOpenId);
        if (await db.StaffMembers.AnyAsync(m => m.UserId == member.UserId || m.EmployeeNo == member.EmployeeNo, ct))
        {
            throw AdminAccess.Duplicate("staff", $"账号 {member.UserId} 或工号 {member.EmployeeNo} 已存在。");
        }

        db.StaffMembers.Add(member);
        await db.SaveChangesAsync(ct);
        return StaffMemberView.Of(member);
    }

    public async ValueTask<StaffMemberView> Handle(UpdateStaffMemberCommand command, CancellationToken ct)
    {
        await AdminAccess.AdminAsync(db, command.ActorUserId, ct);
        await EnsureTeamAsync(command.TeamId, ct);
        var member = await db.StaffMembers.SingleOrDefaultAsync(m => m.UserId == command.UserId, ct) ?? throw AdminAccess.NotFound("staff");
        member.Rename(command.DisplayName);
        member.ChangeRole(command.Role, command.TeamId);
        member.LinkWeChat(command.WeChatOpenId);
        AdminAccess.SetActive(command.IsActive, member.Activate, member.Deactivate);

        await db.SaveChangesAsync(ct);
        return StaffMemberView.Of(member);
    }

    private async Task EnsureTeamAsync(Guid? teamId, CancellationToken ct)
    {
        if (teamId is { } id && !await db.Teams.AnyAsync(t => t.Id == id, ct))
        {
            throw new Domain.Common.DomainException("staff.invalid", "没有找到这个班组。");
        }
    }
}
