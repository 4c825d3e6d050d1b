using System.Text;

namespace WechatLogistics.Handlers.Conversations;

/// <summary>The engine's own user-facing lines (Simplified Chinese, short and friendly), kept in one place.</summary>
public static class ChatTexts
{
    public const string Busy = "系统繁忙，请稍后再试。";

    /// <summary>The webhook's admission control turned the message away before touching anything: sending it again works.</summary>
    public const string Crowded = "现在报修的同学较多，请稍等片刻再发一次～";

    public const string TooFast = "消息有点快，我还没处理完上一条，请再发一次~";

    public static string Welcome(IReadOnlyList<IChatDialog> dialogs) => MenuTexts.Of(dialogs).Welcome;

    public static string Menu(IReadOnlyList<IChatDialog> dialogs) => MenuTexts.Of(dialogs).Menu;

    public static string Fallback(IReadOnlyList<IChatDialog> dialogs) => MenuTexts.Of(dialogs).Fallback;

    public const string UnsupportedMedia = "暂时只能识别文字消息哦，请用文字描述您的需求，或回复\"帮助\"查看菜单。";

    /// <summary>
    /// The three menu texts, written once per set of dialogs: the menu is the most frequent answer, and a dialog's
    /// keyword, description and order are fixed by its type.
    /// </summary>
    private sealed class MenuTexts
    {
        private static MenuTexts? s_last;

        private readonly Type[] _types;

        private MenuTexts(IReadOnlyList<IChatDialog> dialogs)
        {
            _types = [.. dialogs.Select(d => d.GetType())];
            var builder = new StringBuilder();
            for (var i = 0; i < dialogs.Count; i++)
            {
                builder.Append(i + 1).Append(' ').Append(dialogs[i].Keyword).Append(" — ").Append(dialogs[i].Description).Append('\n');
            }

            builder.Append("回复\"帮助\"随时查看本菜单。");
            var lines = builder.ToString();
            Welcome = "欢迎关注校园后勤服务！我是后勤小助手，可以帮您：\n" + lines;
            Menu = "请回复数字或关键词：\n" + lines;
            Fallback = "抱歉，我没看懂这句话。\n" + Menu;
        }

        public string Welcome { get; }

        public string Menu { get; }

        public string Fallback { get; }

        public static MenuTexts Of(IReadOnlyList<IChatDialog> dialogs)
        {
            var last = s_last;
            if (last is not null && last.IsFor(dialogs))
            {
                return last;
            }

            // A race only builds the same texts twice.
            return s_last = new MenuTexts(dialogs);
        }

        private bool IsFor(IReadOnlyList<IChatDialog> dialogs)
        {
            if (dialogs.Count != _types.Length)
            {
                return false;
            }

            for (var i = 0; i < _types.Length; i++)
            {
                if (dialogs[i].GetType() != _types[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
