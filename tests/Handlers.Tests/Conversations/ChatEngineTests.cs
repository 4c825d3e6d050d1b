using Microsoft.Extensions.Logging.Abstractions;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Handlers.Tests.Conversations;

public sealed class ChatEngineTests
{
    private readonly DictionarySessionStore _store = new();
    private readonly CountingDialog _counting = new();
    private readonly TwoStepDialog _twoStep = new();

    private HandleChatMessageCommandHandler Engine() =>
        new(_store, new DialogRegistry([_twoStep, _counting]), NullLogger<HandleChatMessageCommandHandler>.Instance);

    [Fact]
    public void Registry_OrdersTheMenuByMenuOrder()
    {
        var registry = new DialogRegistry([_twoStep, _counting]);

        Assert.Equal(["count", "two"], registry.Menu.Select(d => d.Name));
    }

    [Theory]
    [InlineData("1", "count")]
    [InlineData("１", "count")]
    [InlineData("2", "two")]
    [InlineData("计数", "count")]
    [InlineData("3", null)]
    [InlineData("0", null)]
    [InlineData("-1", null)]
    public void FindStarter_NumberOrKeyword_FindsTheDialog(string text, string? expected)
    {
        var registry = new DialogRegistry([_twoStep, _counting]);
        var input = Input(ChatInputKind.Text, text);

        Assert.Equal(expected, registry.FindStarter(input, TextNormalizer.Normalize(text))?.Name);
    }

    [Fact]
    public async Task Subscribe_WelcomesAndListsTheDialogs()
    {
        var reply = await Engine().Handle(new HandleChatMessageCommand(Input(ChatInputKind.Subscribe)), default);

        var text = Assert.IsType<TextChatReply>(reply).Content;
        Assert.StartsWith("欢迎关注", text);
        Assert.Contains("1 计数", text);
        Assert.Contains("2 两步", text);
    }

    [Fact]
    public async Task Image_AtTopLevel_GetsTheUnsupportedMediaLine()
    {
        var reply = await Engine().Handle(new HandleChatMessageCommand(Input(ChatInputKind.Image) with { Media = new ChatMedia("m", null) }), default);

        Assert.Equal(ChatTexts.UnsupportedMedia, Assert.IsType<TextChatReply>(reply).Content);
    }

    [Fact]
    public async Task OneShotAnswers_NeverWriteASession()
    {
        await Engine().Handle(new HandleChatMessageCommand(Input(ChatInputKind.Text, "帮助")), default);
        await Engine().Handle(new HandleChatMessageCommand(Input(ChatInputKind.Text, "计数")), default);
        await Engine().Handle(new HandleChatMessageCommand(Input(ChatInputKind.Text, "随便说说")), default);

        Assert.Equal(0, _store.Saves);
    }

    [Fact]
    public async Task ActiveDialog_ReceivesEveryMessageUntilItEnds_ThenTheSessionIsDeleted()
    {
        var engine = Engine();
        await engine.Handle(new HandleChatMessageCommand(Input(ChatInputKind.Text, "两步")), default);
        var middle = await engine.Handle(new HandleChatMessageCommand(Input(ChatInputKind.Text, "帮助")), default);

        Assert.Equal("第二步：收到 帮助", Assert.IsType<TextChatReply>(middle).Content);
        Assert.Equal(2, _store.Saves);
        var last = await engine.Handle(new HandleChatMessageCommand(Input(ChatInputKind.Text, "好")), default);

        Assert.Equal("完成", Assert.IsType<TextChatReply>(last).Content);
        Assert.Null(await _store.LoadAsync("acc", "o-user", default));
    }

    [Fact]
    public async Task SessionOfARemovedDialog_StartsOverInsteadOfGettingStuck()
    {
        await _store.SaveAsync(new ChatSession { Account = "acc", UserId = "o-user", Dialog = "gone", Step = "x" }, default);

        var reply = await Engine().Handle(new HandleChatMessageCommand(Input(ChatInputKind.Text, "帮助")), default);

        Assert.StartsWith("请回复数字或关键词", Assert.IsType<TextChatReply>(reply).Content);
        Assert.Null(await _store.LoadAsync("acc", "o-user", default));
    }

    [Fact]
    public async Task ConcurrentChange_TheLoserIsAskedToResend()
    {
        _store.RefuseSaves = true;

        var reply = await Engine().Handle(new HandleChatMessageCommand(Input(ChatInputKind.Text, "两步")), default);

        Assert.Equal(ChatTexts.TooFast, Assert.IsType<TextChatReply>(reply).Content);
    }

    [Fact]
    public async Task Unsubscribe_ForgetsTheConversation()
    {
        await _store.SaveAsync(new ChatSession { Account = "acc", UserId = "o-user", Dialog = "two", Step = "second" }, default);

        var reply = await Engine().Handle(new HandleChatMessageCommand(Input(ChatInputKind.Unsubscribe)), default);

        Assert.IsType<NoReply>(reply);
        Assert.Null(await _store.LoadAsync("acc", "o-user", default));
    }

    [Theory]
    [InlineData("  help ", "help")]
    [InlineData("１２３", "123")]
    [InlineData("ＡＢｃ", "ABc")]
    [InlineData("东区\u30001号楼", "东区 1号楼")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_FoldsWhatPhonesType(string? raw, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(raw));

    [Fact]
    public void Normalize_CapsVeryLongInput() =>
        Assert.Equal(TextNormalizer.MaxLength, TextNormalizer.Normalize(new string('水', 10_000)).Length);

    private static ChatInput Input(ChatInputKind kind, string? text = null) =>
        new("acc", "o-user", kind, DateTimeOffset.UnixEpoch) { Text = text };

    private sealed class CountingDialog : IChatDialog
    {
        public string Name => "count";

        public string Keyword => "计数";

        public string Description => "数一数";

        public int MenuOrder => 1;

        public bool IsTriggeredBy(ChatInput input, string normalizedText) => normalizedText == Keyword;

        public ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct) => ValueTask.FromResult(ChatReply.Text("一"));

        public ValueTask<ChatReply> ContinueAsync(DialogContext context, CancellationToken ct) => StartAsync(context, ct);
    }

    private sealed class TwoStepDialog : IChatDialog
    {
        public string Name => "two";

        public string Keyword => "两步";

        public string Description => "两步对话";

        public int MenuOrder => 2;

        public bool IsTriggeredBy(ChatInput input, string normalizedText) => normalizedText == Keyword;

        public ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct)
        {
            context.Enter(Name, "first");
            return ValueTask.FromResult(ChatReply.Text("第一步"));
        }

        public ValueTask<ChatReply> ContinueAsync(DialogContext context, CancellationToken ct)
        {
            if (context.Session.Step == "first")
            {
                context.GoTo("second");
                return ValueTask.FromResult(ChatReply.Text("第二步：收到 " + context.Text));
            }

            context.End();
            return ValueTask.FromResult(ChatReply.Text("完成"));
        }
    }

    /// <summary>A session store over a dictionary, with the same version rule as the real ones.</summary>
    private sealed class DictionarySessionStore : ISessionStore
    {
        private readonly Dictionary<string, (long Version, ChatSession Copy)> _sessions = [];

        public int Saves { get; private set; }

        public bool RefuseSaves { get; set; }

        public ValueTask<ChatSession?> LoadAsync(string account, string userId, CancellationToken ct) =>
            ValueTask.FromResult(_sessions.TryGetValue(account + userId, out var s) ? Clone(s.Copy) : null);

        public ValueTask<bool> SaveAsync(ChatSession session, CancellationToken ct)
        {
            if (RefuseSaves || (_sessions.TryGetValue(session.Account + session.UserId, out var s) && s.Version != session.Version))
            {
                return ValueTask.FromResult(false);
            }

            Saves++;
            session.Version++;
            _sessions[session.Account + session.UserId] = (session.Version, Clone(session)!);
            return ValueTask.FromResult(true);
        }

        public ValueTask DeleteAsync(string account, string userId, CancellationToken ct)
        {
            _sessions.Remove(account + userId);
            return ValueTask.CompletedTask;
        }

        private static ChatSession? Clone(ChatSession? s) => s is null ? null : new ChatSession
        {
            Account = s.Account,
            UserId = s.UserId,
            Dialog = s.Dialog,
            Step = s.Step,
            Slots = new Dictionary<string, string>(s.Slots),
            Version = s.Version,
        };
    }
}
