using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Domain.DepartmentRequests;

/// <summary>
/// One step of the configured approval chain (科员审核, 主任审批 …): who may decide it — staff of a role and/or named
/// staff user ids — and the estimated cost from which it applies (null: every request).
/// </summary>
public sealed record ApprovalStepRule(string Name, StaffRole? Role, IReadOnlyList<string> UserIds, decimal? MinCost)
{
    public bool AppliesTo(decimal cost) => MinCost is not { } min || cost >= min;
}

/// <summary>
/// A step as stamped on a request when it is filed, so a later change of the configuration does not alter the chain of
/// requests already under way. Admins may decide any step (one at a time, in order).
/// </summary>
public sealed class ApprovalStep
{
    public ApprovalStep(string name, StaffRole? role, string approverUserIds)
    {
        Name = name;
        Role = role;
        ApproverUserIds = approverUserIds;
    }

    public string Name { get; private set; }

    public StaffRole? Role { get; private set; }

    /// <summary>WeCom UserIds joined by <c>|</c> (one column in the stamped JSON).</summary>
    public string ApproverUserIds { get; private set; }

    public IReadOnlyList<string> UserIds => ApproverUserIds.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static ApprovalStep From(ApprovalStepRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new ApprovalStep(rule.Name, rule.Role, string.Join('|', rule.UserIds));
    }

    public bool Allows(StaffMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.IsActive
            && (member.Role == StaffRole.Admin || UserIds.Contains(member.UserId, StringComparer.Ordinal) || (Role is { } role && member.Role == role));
    }
}
