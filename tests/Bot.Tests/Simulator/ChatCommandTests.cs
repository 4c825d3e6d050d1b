using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Simulator.Callback;
using WechatLogistics.Simulator.Chat;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary><c>wechat-sim chat</c> against the real Bot in memory, with piped input.</summary>
public sealed class ChatCommandTests(ChatCommandTests.Host host) : IClassFixture<ChatCommandTests.Host>
{
    private readonly StringWriter _output = new();

    [Fact]
    public async Task HelpThenRetry_PrintsTheMenuTwice()
    {
        await ChatAsync("o-chat-retry", "帮助\n/retry\n");

        var transcript = _output.ToString();
        Assert.Equal(2, Count(transcript, "请回复数字或关键词"));
        Assert.Contains("the retry got the same answer", transcript);
    }

    [Fact]
    public async Task RetryFlag_DeliversEveryPushTwice_ProbeRunsOnce()
    {
        var runsBefore = host.Probe.Runs;

        await ChatAsync("o-chat-flag", "探针\n", retryEverything: true);

        Assert.Equal(1, host.Probe.Runs - runsBefore);
        Assert.Contains("[1st delivery] 探针第", _output.ToString());
        Assert.Contains("[retry] 探针第", _output.ToString());
    }

    [Fact]
    public async Task SpecialLines_AreSentAsEvents_AndStopAtQuit()
    {
        await ChatAsync("o-chat-events", "/sub\n/click MENU_HELP\n/image\n/unsub\n/quit\n帮助\n");

        var transcript = _output.ToString();
        Assert.Contains("< 欢迎关注校园后勤服务", transcript);
        Assert.Contains("< 请回复数字或关键词", transcript);
        Assert.Contains("< 暂时只能识别文字消息", transcript);
        Assert.Contains("< " + BotAnswer.NoReplyText, transcript);
        Assert.DoesNotContain("> 帮助", transcript);
    }

    [Fact]
    public async Task RetryBeforeAnything_SaysThereIsNothingToRetry()
    {
        await ChatAsync("o-chat-nothing", "/retry\n");

        Assert.Contains("nothing to retry yet", _output.ToString());
    }

    private async Task ChatAsync(string user, string input, bool retryEverything = false)
    {
        var bot = new BotConnection(host.CreateClient(), SimulatorTestSettings.Safe);
        var chat = new ChatCommand(bot, user, retryEverything, new TranscriptWriter(_output));
        await chat.RunAsync(new StringReader(input), echo: true);
    }

    private static int Count(string text, string fragment) => text.Split(fragment).Length - 1;

    public sealed class Host() : BotFactory;
}
