using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers.Tests.Support;

/// <summary>Talks to one dialog as one user, the way the engine does: start, then every message to ContinueAsync.</summary>
public sealed class DialogDriver(IChatDialog dialog, DateTimeOffset now, string user = "o-student")
{
    public ChatSession Session { get; } = new() { Account = "acc", UserId = user };

    public async Task<string> Start() =>
        Text(await dialog.StartAsync(Context(string.Empty), default));

    public async Task<string> Say(string text) =>
        Text(await dialog.ContinueAsync(Context(text), default));

    /// <summary>Says each text in turn and returns the last answer.</summary>
    public async Task<string> Say(params string[] texts)
    {
        var last = string.Empty;
        foreach (var text in texts)
        {
            last = await Say(text);
        }

        return last;
    }

    private DialogContext Context(string text) =>
        new(new ChatInput("acc", Session.UserId, ChatInputKind.Text, now) { Text = text }, Session, TextNormalizer.Normalize(text));

    private static string Text(ChatReply reply) => Assert.IsType<TextChatReply>(reply).Content;
}
