namespace WechatLogistics.Handlers.Notifications;

/// <summary>
/// Student notifications, section <c>Notifications</c>. The subscribe template is the Official Account's 订阅通知
/// template for progress updates; empty turns that channel off (notices then go to customer service or the inbox).
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public string SubscribeTemplateId { get; set; } = "";

    /// <summary>The template's keyword for the ticket number or shift (character_string, ≤ 32 characters).</summary>
    public string NumberField { get; set; } = "character_string1";

    /// <summary>The keyword for the new status (phrase, ≤ 5 characters).</summary>
    public string StatusField { get; set; } = "phrase2";

    /// <summary>The keyword for when it happened (time).</summary>
    public string TimeField { get; set; } = "time3";

    /// <summary>The keyword for a short note (thing, ≤ 20 characters).</summary>
    public string NoteField { get; set; } = "thing4";
}

/// <summary>
/// The maintenance team's WeCom group robots, section <c>Maintenance</c>: <c>RobotKeys</c> maps a repair category
/// code (leaf or top level, e.g. <c>WATER</c>) to a robot key, with <c>default</c> for the rest. The keys are secrets:
/// outbox rows store the route name, and the key is looked up when sending.
/// </summary>
public sealed class MaintenanceOptions
{
    public const string Section = "Maintenance";

    public const string DefaultRoute = "default";

    public Dictionary<string, string> RobotKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The first of <paramref name="categoryCodes"/> with a robot of its own, else <see cref="DefaultRoute"/>.</summary>
    public string RouteFor(params IEnumerable<string?> categoryCodes) =>
        categoryCodes.FirstOrDefault(code => code is not null && HasKey(code)) ?? DefaultRoute;

    public string? KeyFor(string route) =>
        RobotKeys.TryGetValue(route, out var key) && !string.IsNullOrWhiteSpace(key) ? key
        : RobotKeys.TryGetValue(DefaultRoute, out var fallback) && !string.IsNullOrWhiteSpace(fallback) ? fallback
        : null;

    private bool HasKey(string code) => RobotKeys.TryGetValue(code, out var key) && !string.IsNullOrWhiteSpace(key);
}
