namespace WechatLogistics.Handlers.RepairTickets.Chat;

/// <summary>Checks on what a student typed, shared by the repair dialogs.</summary>
internal static class ChatText
{
    /// <summary>
    /// True when the text has at least one letter or digit (Chinese characters count): an empty message, spaces,
    /// punctuation or a row of emoji is not an answer.
    /// </summary>
    public static bool IsMeaningful(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The length the student typed (the engine's normalized text is capped), for "有点长（N字）".</summary>
    public static int TypedLength(Conversations.DialogContext context) =>
        context.Input.Text?.Trim().Length ?? context.Text.Length;

    /// <summary>At most <paramref name="max"/> characters, with "…" when cut.</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
