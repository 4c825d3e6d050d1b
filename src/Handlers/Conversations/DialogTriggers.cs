namespace WechatLogistics.Handlers.Conversations;

/// <summary>The one rule for "does this top-level message ask for that dialog": its menu button, or one of its words.</summary>
public static class DialogTriggers
{
    public static bool Matches(ChatInput input, string normalizedText, string? menuKey, IReadOnlySet<string> words) =>
        input.Kind == ChatInputKind.MenuClick
            ? menuKey is not null && string.Equals(input.EventKey, menuKey, StringComparison.Ordinal)
            : words.Contains(normalizedText);
}
