namespace WechatLogistics.Handlers.Conversations;

/// <summary>What a dialog sees for one message: the input, the user's session, and the normalized text.</summary>
public sealed class DialogContext(ChatInput input, ChatSession session, string normalizedText)
{
    public ChatInput Input { get; } = input;

    public ChatSession Session { get; } = session;

    /// <summary>The text trimmed, full-width digits and spaces folded; empty for non-text input.</summary>
    public string Text { get; } = normalizedText;

    public DateTimeOffset Now => Input.ReceivedAt;

    /// <summary>Moves the session into <paramref name="dialog"/> at <paramref name="step"/>.</summary>
    public void Enter(string dialog, string step)
    {
        Session.Clear();
        Session.Dialog = dialog;
        Session.Step = step;
    }

    public void GoTo(string step) => Session.Step = step;

    /// <summary>Ends the dialog and forgets its slots.</summary>
    public void End() => Session.Clear();
}
