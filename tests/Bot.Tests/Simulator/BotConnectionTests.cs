using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Simulator.Callback;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary>The simulator keeps WeChat's deadline: an answer that comes too late is no answer.</summary>
public sealed class BotConnectionTests
{
    [Fact]
    public async Task BotSlowerThanTheDeadline_IsReportedAsTimedOut_LikeWeChatWouldSeeIt()
    {
        await using var factory = new BotFactory();
        factory.Probe.Delay = TimeSpan.FromSeconds(2);
        var bot = new BotConnection(factory.CreateClient(), SimulatorTestSettings.Safe with { Deadline = TimeSpan.FromMilliseconds(300) });

        var answer = await bot.SendAsync(new SendText("探针"), "o-slow");

        Assert.Equal(AnswerKind.TimedOut, answer.Kind);
        Assert.Contains("WeChat would drop the connection and retry", answer.Text);
    }

    [Fact]
    public async Task WeComMode_TalksToTheWeComApp_AndReadsItsEncryptedAnswer()
    {
        await using var factory = new BotFactory();
        var bot = new BotConnection(factory.CreateClient(), SimulatorTestSettings.WeCom);

        var answer = await bot.SendAsync(new SendText("帮助"), "zhang.san");
        var entered = await bot.SendAsync(new SendEvent("enter_agent", null), "zhang.san");

        Assert.Equal(AnswerKind.Reply, answer.Kind);
        Assert.Empty(answer.Warnings);
        Assert.StartsWith("后勤工单助手", answer.Text);
        Assert.Equal(AnswerKind.NoReply, entered.Kind);
    }

    [Fact]
    public async Task TwoEventsInTheSameSecond_AreNotMistakenForARetry()
    {
        await using var factory = new BotFactory();
        var bot = new BotConnection(factory.CreateClient(), SimulatorTestSettings.Safe);

        var welcome = await bot.SendAsync(new SendEvent("subscribe", null), "o-fast-clicker");
        var menu = await bot.SendAsync(new SendEvent("CLICK", "MENU_HELP"), "o-fast-clicker");

        Assert.StartsWith("欢迎", welcome.Text);
        Assert.StartsWith("请回复数字或关键词", menu.Text);
    }
}
