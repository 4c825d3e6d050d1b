namespace WechatLogistics.Handlers.Conversations;

/// <summary>
/// A multi-step conversation (报修, 反馈, 志愿 …) that plugs into the chat engine. Dialogs are registered in DI; the
/// engine lists them in the menu in <see cref="MenuOrder"/>, starts one when a keyword or menu key matches, and routes
/// every following message of that user to <see cref="ContinueAsync"/> until the dialog ends.
/// </summary>
public interface IChatDialog
{
    /// <summary>Stable id stored in the session (<see cref="ChatSession.Dialog"/>).</summary>
    string Name { get; }

    /// <summary>The main keyword shown in the menu, e.g. "报修". Fixed per dialog type, as are the description and order (the menu text is written once).</summary>
    string Keyword { get; }

    /// <summary>One short line for the menu, e.g. "宿舍、教室设施报修".</summary>
    string Description { get; }

    int MenuOrder { get; }

    /// <summary>True when the (top-level) input asks for this dialog: a keyword or a menu CLICK key.</summary>
    bool IsTriggeredBy(ChatInput input, string normalizedText);

    ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct);

    ValueTask<ChatReply> ContinueAsync(DialogContext context, CancellationToken ct);
}
