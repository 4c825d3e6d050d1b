namespace WechatLogistics.Handlers.Conversations;

/// <summary>The registered dialogs, in menu order, with lookup by name, keyword, menu number and menu key.</summary>
public sealed class DialogRegistry
{
    private readonly Dictionary<string, IChatDialog> _byName;

    public DialogRegistry(IEnumerable<IChatDialog> dialogs)
    {
        Menu = [.. dialogs.OrderBy(d => d.MenuOrder).ThenBy(d => d.Name, StringComparer.Ordinal)];
        _byName = Menu.ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<IChatDialog> Menu { get; }

    public IChatDialog? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The dialog a top-level message asks for: its menu number ("1"), its keyword, or its menu key.</summary>
    public IChatDialog? FindStarter(ChatInput input, string normalizedText)
    {
        if (input.Kind == ChatInputKind.Text && int.TryParse(normalizedText, out var number) && number >= 1 && number <= Menu.Count)
        {
            return Menu[number - 1];
        }

        foreach (var dialog in Menu)
        {
            if (dialog.IsTriggeredBy(input, normalizedText))
            {
                return dialog;
            }
        }

        return null;
    }
}
