namespace WechatLogistics.Domain.Staff;

public static class StaffTexts
{
    public static string Name(this StaffRole role) => role switch
    {
        StaffRole.Worker => "维修工",
        StaffRole.Dispatcher => "调度员",
        StaffRole.Admin => "管理员",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
