using System.Text;

namespace WechatLogistics.Handlers.Conversations;

/// <summary>The engine's own user-facing lines (Simplified Chinese, short and friendly), kept in one place.</summary>
public static class ChatTexts
{
    public const string Busy = "系统繁忙，请稍后再试。";

    /// <summary>The webhook's admission control turned the message away before touching anything: sending it again works.</summary>
    public const string Crowded = "现在报修的同学较多，请稍等片刻再发一次～";

    public const string TooFast = "消息有点快，我还没处理完上一条，请再发一次~";

    public static string Welcome(IReadOnlyList<IChatDialog> dialogs) =>
        "欢迎关注校园后勤服务！我是后勤小助手，可以帮您：\n" + MenuLines(dialogs);

    public static string Menu(IReadOnlyList<IChatDialog> dialogs) =>
        "请回复数字或关键词：\n" + MenuLines(dialogs);

    public static string Fallback(IReadOnlyList<IChatDialog> dialogs) =>
        "抱歉，我没看懂这句话。\n" + Menu(dialogs);

    public const string UnsupportedMedia = "暂时只能识别文字消息哦，请用文字描述您的需求，或回复\"帮助\"查看菜单。";

    private static string MenuLines(IReadOnlyList<IChatDialog> dialogs)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < dialogs.Count; i++)
        {
            builder.Append(i + 1).Append(' ').Append(dialogs[i].Keyword).Append(" — ").Append(dialogs[i].Description).Append('\n');
        }

        builder.Append("回复\"帮助\"随时查看本菜单。");
        return builder.ToString();
    }
}
