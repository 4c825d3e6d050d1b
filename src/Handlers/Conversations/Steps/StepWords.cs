namespace WechatLogistics.Handlers.Conversations.Steps;

/// <summary>The words every dialog step understands, and the reminder shown under each question.</summary>
public static class StepWords
{
    public const string Cancel = "取消";

    public const string Back = "返回";

    public const string Skip = "跳过";

    public const string Yes = "确认";

    public const string Footer = "（回复\"返回\"上一步，\"取消\"退出）";

    /// <summary>True for the ways people say yes on a phone keyboard.</summary>
    public static bool IsYes(string text) => text is Yes or "是" or "好" or "对" or "提交" or "确定" or "y" or "Y" or "yes" or "ok" or "OK";
}
