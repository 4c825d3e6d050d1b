using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Simulator.Callback;
using WechatLogistics.Simulator.FakeApi;
using WechatLogistics.Simulator.Scripts;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary>
/// <c>--api</c>: a user's message sent through the simulator opens that user's 48-hour window at the fake API, so the
/// bot may then answer by customer-service message even with <c>--strict-window</c>. A menu click does not.
/// </summary>
public sealed class InteractionReportTests(InteractionReportTests.Host host) : IClassFixture<InteractionReportTests.Host>
{
    [Fact]
    public async Task UserMessage_ThroughTheSimulator_OpensTheWindow_MenuClickDoesNot()
    {
        await using var api = await FakeApiClient.StartAsync(new FakeApiOptions { StrictWindow = true });
        using var apiHttp = api.Host.CreateClient();
        var reporter = new FakeApiInteractionReporter(apiHttp, TextWriter.Null);
        var output = new StringWriter();
        var script = "user o-clicker\n> /click MENU_HELP\n< 请回复数字或关键词\nuser o-writer\n> 帮助\n< 请回复数字或关键词";

        var result = await new ScriptRunner(host.CreateClient(), SimulatorTestSettings.Safe, output, reporter).RunAsync(script);
        var token = await api.StableTokenAsync();

        Assert.True(result.Passed, output.ToString());
        Assert.Equal(0, (await api.SendTextAsync(token, user: "o-writer")).Errcode());
        Assert.Equal(45015, (await api.SendTextAsync(token, user: "o-clicker")).Errcode());
    }

    public sealed class Host() : BotFactory;
}
