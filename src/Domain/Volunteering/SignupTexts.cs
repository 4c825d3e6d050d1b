namespace WechatLogistics.Domain.Volunteering;

/// <summary>The Chinese words volunteers see for signup statuses and actions.</summary>
public static class SignupTexts
{
    public static string Name(this SignupStatus status) => status switch
    {
        SignupStatus.Confirmed => "已报名",
        SignupStatus.Waitlisted => "候补中",
        SignupStatus.Cancelled => "已取消",
        SignupStatus.CheckedIn => "已签到",
        SignupStatus.Completed => "已完成",
        SignupStatus.NoShow => "缺席",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Name(this SignupAction action) => action switch
    {
        SignupAction.Claim => "报名",
        SignupAction.Cancel => "取消报名",
        SignupAction.CheckIn => "签到",
        SignupAction.Complete => "签退",
        SignupAction.MarkNoShow => "标记缺席",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
