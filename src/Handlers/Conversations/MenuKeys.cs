namespace WechatLogistics.Handlers.Conversations;

/// <summary>EventKeys of the Official Account's custom menu (CLICK buttons), as configured in the menu JSON.</summary>
public static class MenuKeys
{
    public const string Help = "MENU_HELP";

    public const string Repair = "MENU_REPAIR";

    public const string MyRepairs = "MENU_MY_REPAIRS";

    public const string Feedback = "MENU_FEEDBACK";

    public const string Volunteer = "MENU_VOLUNTEER";

    public const string MyShifts = "MENU_MY_SHIFTS";

    public const string Announcements = "MENU_ANNOUNCEMENTS";

    /// <summary>The words that show the menu at any time, also inside a dialog that does not claim them.</summary>
    public static readonly IReadOnlySet<string> HelpWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "帮助", "help", "菜单", "menu", "?", "？",
    };
}
