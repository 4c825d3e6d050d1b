using WechatLogistics.Simulator.Cli;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary>The command line: usage on --help, exit code 2 and the usage on bad arguments.</summary>
public sealed class SimulatorCliTests
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public async Task Help_PrintsUsage_ExitsZero()
    {
        var exit = await RunAsync("chat", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("wechat-sim chat --user <openid>", _output.ToString());
    }

    [Theory]
    [InlineData()]
    [InlineData("dance")]
    [InlineData("chat")]
    [InlineData("chat", "--user", "o-1", "--mode", "secret")]
    [InlineData("chat", "--user", "o-1", "--bot", "localhost:5080")]
    [InlineData("chat", "--user", "o-1", "--aes-key", "short")]
    [InlineData("chat", "--user", "o-1", "--colour", "red")]
    [InlineData("chat", "--user")]
    [InlineData("run")]
    [InlineData("run", "does-not-exist.txt")]
    [InlineData("serve-api", "--fail", "40001,abc")]
    [InlineData("serve-api", "--port", "70000")]
    [InlineData("serve-api", "--fail-rate", "2")]
    public async Task BadArguments_PrintUsage_ExitTwo(params string[] args)
    {
        var exit = await RunAsync(args);

        Assert.Equal(SimulatorCli.BadArguments, exit);
        Assert.Contains("Usage:", _error.ToString());
    }

    private Task<int> RunAsync(params string[] args) =>
        new SimulatorCli(new StringReader(""), _output, _error, inputIsRedirected: true).RunAsync(args);
}
