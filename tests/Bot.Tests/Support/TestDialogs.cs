using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Tests.Support;

/// <summary>A one-shot dialog ("探针") that counts how often it ran and can be made slow, or held open.</summary>
public sealed class ProbeDialog : IChatDialog
{
    private int _runs;

    public int Runs => Volatile.Read(ref _runs);

    public TimeSpan Delay { get; set; }

    /// <summary>While set, each run waits for this task before answering (a handler held busy, without timing).</summary>
    public Task? Hold { get; set; }

    /// <summary>Released once at the start of each run.</summary>
    public SemaphoreSlim Starts { get; } = new(0);

    public string Name => "probe";

    public string Keyword => "探针";

    public string Description => "测试用";

    public int MenuOrder => 90;

    public bool IsTriggeredBy(ChatInput input, string normalizedText) => normalizedText == Keyword;

    public async ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct)
    {
        var run = Interlocked.Increment(ref _runs);
        Starts.Release();
        if (Hold is { } hold)
        {
            await hold;
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, CancellationToken.None);
        }

        return ChatReply.Text($"探针第{run}次");
    }

    public ValueTask<ChatReply> ContinueAsync(DialogContext context, CancellationToken ct) => StartAsync(context, ct);
}

/// <summary>A two-step dialog ("问卷") that keeps an answer in the session between messages.</summary>
public sealed class SurveyDialog : IChatDialog
{
    public string Name => "survey";

    public string Keyword => "问卷";

    public string Description => "测试用";

    public int MenuOrder => 91;

    public bool IsTriggeredBy(ChatInput input, string normalizedText) => normalizedText == Keyword;

    public ValueTask<ChatReply> StartAsync(DialogContext context, CancellationToken ct)
    {
        context.Enter(Name, "room");
        return ValueTask.FromResult(ChatReply.Text("请问您住哪个宿舍？"));
    }

    public ValueTask<ChatReply> ContinueAsync(DialogContext context, CancellationToken ct)
    {
        if (context.Session.Step == "room")
        {
            context.Session.Slots["room"] = context.Text;
            context.GoTo("confirm");
            return ValueTask.FromResult(ChatReply.Text($"是{context.Text}吗？回复\"是\"确认。"));
        }

        var room = context.Session.Slots["room"];
        context.End();
        return ValueTask.FromResult(ChatReply.Text($"已记录宿舍：{room}"));
    }
}
