namespace WechatLogistics.Handlers.Conversations;

/// <summary>EventKeys of the Official Account's custom menu (CLICK buttons), as configured in the menu JSON.</summary>
public static class MenuKeys
{
    public const string Help = "MENU_HELP";

    /// <summary>The words that show the menu at any time, also inside a dialog that does not claim them.</summary>
    public static readonly IReadOnlySet<string> HelpWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "帮助", "help", "菜单", "menu", "?", "？",
    };
}
