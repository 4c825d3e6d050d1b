using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Simulator.Callback;
using WechatLogistics.Simulator.Scripts;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary>Conversation scripts played against the real Bot in memory, as <c>wechat-sim run</c> plays them.</summary>
public sealed class ScriptRunnerTests(ScriptRunnerTests.Host host) : IClassFixture<ScriptRunnerTests.Host>
{
    private readonly StringWriter _output = new();

    public static TheoryData<CallbackMode> Modes => [CallbackMode.Plain, CallbackMode.Compatible, CallbackMode.Safe];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task WelcomeScript_AnyMode_Passes(CallbackMode mode)
    {
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "scripts", "welcome.txt"));

        var result = await Runner(mode).RunAsync(script);

        Assert.True(result.Passed, _output.ToString());
        Assert.Equal(5, result.TotalChecks);
        Assert.EndsWith("PASS 5/5", _output.ToString().TrimEnd());
    }

    [Fact]
    public async Task MenuAndRetryScript_Passes()
    {
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "scripts", "menu-and-retry.txt"));

        var result = await Runner().RunAsync(script);

        Assert.True(result.Passed, _output.ToString());
    }

    [Fact]
    public async Task ExpectationNotInReply_FailsWithLineExpectedAndActualAndStops()
    {
        const string script = "# menu\n> 帮助\n< 请回复数字或关键词\n< 这句不会出现\n> 探针\n< 探针";

        var result = await Runner().RunAsync(script);

        Assert.False(result.Passed);
        Assert.Equal(1, result.PassedChecks);
        Assert.Equal(4, result.Failure!.Line);
        Assert.Contains("这句不会出现", result.Failure.Expected);
        Assert.StartsWith("请回复数字或关键词", result.Failure.Actual);
        Assert.Contains("FAIL line 4: expected the reply to contain \"这句不会出现\"", _output.ToString());
        Assert.DoesNotContain("> 探针", _output.ToString());
    }

    [Theory]
    [InlineData("> 帮助\n< 不会出现 | 请回复数字或关键词", true)]
    [InlineData("> 帮助\n< 甲 | 乙", false)]
    public async Task Alternatives_EitherTextPasses(string script, bool passes)
    {
        var result = await Runner().RunAsync(script);

        Assert.Equal(passes, result.Passed);
    }

    [Fact]
    public async Task RetryInScript_SameMsgId_IsAnsweredFromTheFirstDeliveryNotProcessedAgain()
    {
        var runner = Runner();
        var result = await runner.RunAsync("> 问卷\n< 请问您住哪个宿舍\n> /retry\n< 请问您住哪个宿舍\n> 东区1号楼302\n< 是东区1号楼302吗");

        // Had the retry been processed again, "问卷" would have been taken as the answer to the dormitory question.
        Assert.True(result.Passed, _output.ToString());
    }

    [Fact]
    public async Task SwitchUser_KeepsEachUsersDialogApart()
    {
        const string script = "user o-script-a\n> 问卷\n< 请问您住哪个宿舍\nuser o-script-b\n> 东区1号楼302\n< 抱歉\nuser o-script-a\n> 西区5号楼\n< 是西区5号楼吗";

        var result = await Runner().RunAsync(script);

        Assert.True(result.Passed, _output.ToString());
    }

    [Theory]
    [InlineData("< 欢迎\n> /sub", 1)]
    [InlineData("> /sub\nhello", 2)]
    [InlineData("> /sub\n< 欢迎\n> /click", 3)]
    public async Task MalformedScript_FailsAtTheBadLineWithoutSendingAnything(string script, int line)
    {
        var deliveriesBefore = host.Ledger.Claims;

        var result = await Runner().RunAsync(script);

        Assert.Equal(line, result.Failure?.Line);
        Assert.Equal(deliveriesBefore, host.Ledger.Claims);
    }

    [Fact]
    public async Task WrongToken_BotRefusesThePush_ScriptFailsOnThatLine()
    {
        var runner = new ScriptRunner(host.CreateClient(), SimulatorTestSettings.Safe with { Token = "not-the-token" }, _output);

        var result = await runner.RunAsync("# first\n> 帮助");

        Assert.Equal(2, result.Failure?.Line);
        Assert.Contains("HTTP 401", result.Failure!.Actual);
    }

    private ScriptRunner Runner(CallbackMode mode = CallbackMode.Safe) =>
        new(host.CreateClient(), SimulatorTestSettings.For(mode), _output);

    public sealed class Host() : BotFactory;
}
