using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers.Tests.RepairTickets;

/// <summary>
/// Drives one dialog as the engine does: one session, one message at a time, UpdatedAt stamped whenever the session
/// changed. The clock only moves when a test moves it.
/// </summary>
public sealed class DialogHarness(IChatDialog dialog, string user = "o-student")
{
    public ChatSession Session { get; private set; } = new() { Account = "gh_test", UserId = user };

    public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    public Task<string> StartAsync(string text = "报修") =>
        RunAsync(Input(ChatInputKind.Text) with { Text = text }, (context, ct) => dialog.StartAsync(context, ct));

    public Task<string> SayAsync(string text) => SendAsync(Input(ChatInputKind.Text) with { Text = text });

    public Task<string> SendImageAsync(string mediaId, string? url = null) =>
        SendAsync(Input(ChatInputKind.Image) with { Media = new ChatMedia(mediaId, url) });

    public Task<string> SendLocationAsync(string? label) =>
        SendAsync(Input(ChatInputKind.Location) with { Location = new ChatLocation(23.1, 113.3, label) });

    public Task<string> SendAsync(ChatInput input) => RunAsync(input, (context, ct) => dialog.ContinueAsync(context, ct));

    /// <summary>A copy of the session as stored now, to replay a message against it (a lost save, a redelivery).</summary>
    public ChatSession Snapshot() => Copy(Session);

    public void Restore(ChatSession snapshot) => Session = Copy(snapshot);

    private async Task<string> RunAsync(ChatInput input, Func<DialogContext, CancellationToken, ValueTask<ChatReply>> run)
    {
        var before = Fingerprint(Session);
        var context = new DialogContext(input, Session, input.Kind == ChatInputKind.Text ? TextNormalizer.Normalize(input.Text) : string.Empty);
        var reply = await run(context, CancellationToken.None);
        if (Fingerprint(Session) != before)
        {
            Session.UpdatedAt = input.ReceivedAt;
        }

        return reply is TextChatReply text ? text.Content : throw new InvalidOperationException($"Expected a text reply, got {reply}.");
    }

    private ChatInput Input(ChatInputKind kind) => new(Session.Account, Session.UserId, kind, Now);

    private static string Fingerprint(ChatSession session) =>
        $"{session.Dialog}|{session.Step}|{string.Join(';', session.Slots.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value))}";

    private static ChatSession Copy(ChatSession session) => new()
    {
        Account = session.Account,
        UserId = session.UserId,
        Dialog = session.Dialog,
        Step = session.Step,
        Slots = new Dictionary<string, string>(session.Slots, StringComparer.Ordinal),
        UpdatedAt = session.UpdatedAt,
        Version = session.Version,
    };
}
