using Mediator;
using Microsoft.Extensions.Logging;

namespace WechatLogistics.Handlers.Conversations;

/// <summary>One chat message to answer. The receiver sends it; the same engine serves every chat channel.</summary>
public sealed record HandleChatMessageCommand(ChatInput Input) : ICommand<ChatReply>
{
    /// <summary>
    /// The user's session when the receiver already read it (in the same Redis round trip as the delivery claim);
    /// null when the engine must load it itself.
    /// </summary>
    public PreloadedSession? Preloaded { get; init; }
}

/// <summary>A session read ahead of the engine; <see cref="Session"/> is null when the user has none.</summary>
public sealed record PreloadedSession(ChatSession? Session);

/// <summary>
/// The conversation engine: routes a message to the user's active dialog, or to the menu, a dialog's keyword, or the
/// fallback; then saves the session only when it changed.
/// </summary>
public sealed partial class HandleChatMessageCommandHandler(
    ISessionStore sessions,
    DialogRegistry dialogs,
    ILogger<HandleChatMessageCommandHandler> logger) : ICommandHandler<HandleChatMessageCommand, ChatReply>
{
    public async ValueTask<ChatReply> Handle(HandleChatMessageCommand command, CancellationToken ct)
    {
        var input = command.Input;
        switch (input.Kind)
        {
            case ChatInputKind.Unsubscribe:
                // The Official Account rules ask us to forget the user's conversation data on unfollow.
                await sessions.DeleteAsync(input.Account, input.UserId, ct);
                return ChatReply.None;
            case var kind when !NeedsSession(kind):
                // Pushed automatically (LOCATION every few seconds) or a plain link: nothing to say, no session I/O.
                return ChatReply.None;
        }

        var loaded = command.Preloaded is { } preloaded ? preloaded.Session : await sessions.LoadAsync(input.Account, input.UserId, ct);
        var session = loaded ?? new ChatSession { Account = input.Account, UserId = input.UserId };
        var before = Fingerprint(session);
        var context = new DialogContext(input, session, input.Kind == ChatInputKind.Text ? TextNormalizer.Normalize(input.Text) : string.Empty);

        var reply = await RouteAsync(context, ct);

        if (Fingerprint(session) != before)
        {
            session.UpdatedAt = input.ReceivedAt;
            if (session.IsIdle)
            {
                await sessions.DeleteAsync(input.Account, input.UserId, ct);
            }
            else if (!await sessions.SaveAsync(session, ct))
            {
                LogSessionConflict(logger, session.Dialog);
                return ChatReply.Text(ChatTexts.TooFast);
            }
        }

        return reply;
    }

    /// <summary>
    /// False for inputs answered without the user's session: automatic LOCATION pushes, link taps, unknown types, and
    /// unfollowing (which deletes it). The receiver uses this to skip reading the session ahead.
    /// </summary>
    public static bool NeedsSession(ChatInputKind kind) =>
        kind is not (ChatInputKind.LocationReport or ChatInputKind.MenuView or ChatInputKind.Other or ChatInputKind.Unsubscribe);

    private ValueTask<ChatReply> RouteAsync(DialogContext context, CancellationToken ct)
    {
        var input = context.Input;
        if (input.Kind is ChatInputKind.Subscribe or ChatInputKind.Scan && dialogs.FindStarter(input, context.Text) is { } scanned)
        {
            // A QR code that names what to do (an asset's: report its fault) replaces whatever was half done.
            context.End();
            return scanned.StartAsync(context, ct);
        }

        if (context.Session.Dialog is { } active)
        {
            if (dialogs.Find(active) is { } dialog)
            {
                return dialog.ContinueAsync(context, ct);
            }

            // The dialog was removed or renamed in a new release: start over rather than get stuck.
            context.End();
        }

        if (input.Kind is ChatInputKind.Subscribe or ChatInputKind.Scan)
        {
            return Reply(ChatTexts.Welcome(dialogs.Menu));
        }

        if (IsHelp(context))
        {
            return Reply(ChatTexts.Menu(dialogs.Menu));
        }

        if (dialogs.FindStarter(input, context.Text) is { } starter)
        {
            return starter.StartAsync(context, ct);
        }

        return input.Kind switch
        {
            ChatInputKind.Text or ChatInputKind.MenuClick => Reply(ChatTexts.Fallback(dialogs.Menu)),
            _ => Reply(ChatTexts.UnsupportedMedia),
        };
    }

    private static bool IsHelp(DialogContext context) =>
        context.Input.Kind == ChatInputKind.MenuClick
            ? string.Equals(context.Input.EventKey, MenuKeys.Help, StringComparison.Ordinal)
            : MenuKeys.HelpWords.Contains(context.Text);

    private static ValueTask<ChatReply> Reply(string text) => ValueTask.FromResult(ChatReply.Text(text));

    private static string Fingerprint(ChatSession session) =>
        session.Slots.Count == 0
            ? $"{session.Dialog}|{session.Step}"
            : $"{session.Dialog}|{session.Step}|{string.Join('\u001f', session.Slots.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value))}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session changed concurrently while in dialog {Dialog}; asked the user to resend")]
    private static partial void LogSessionConflict(ILogger logger, string? dialog);
}
