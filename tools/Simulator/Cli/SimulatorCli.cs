using WechatLogistics.Simulator.Callback;
using WechatLogistics.Simulator.Chat;
using WechatLogistics.Simulator.FakeApi;
using WechatLogistics.Simulator.Scripts;

namespace WechatLogistics.Simulator.Cli;

/// <summary>Parses the command line and runs one command. Exit codes: 0 ok, 1 failed (script or start-up), 2 bad arguments.</summary>
public sealed class SimulatorCli(TextReader input, TextWriter output, TextWriter error, bool inputIsRedirected)
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    private static readonly IReadOnlySet<string> ServeApiValues =
        new HashSet<string> { "--port", "--fail", "--fail-rate", "--seed", "--latency-ms", "--secret", "--robot-window-seconds" };

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct = default)
    {
        if (args.Count == 0 || args.Any(a => a is "--help" or "-h" or "help"))
        {
            await (args.Count == 0 ? error : output).WriteLineAsync(Usage.Text);
            return args.Count == 0 ? BadArguments : Ok;
        }

        try
        {
            var rest = args.Skip(1).ToList();
            return args[0] switch
            {
                "chat" => await ChatAsync(CliArguments.Parse(rest, ConnectionOptions.Names, new HashSet<string> { "--retry", "--wecom" }), ct),
                "run" => await RunScriptAsync(CliArguments.Parse(rest, ConnectionOptions.Names, new HashSet<string> { "--wecom" }), ct),
                "hash-password" => await HashPasswordAsync(CliArguments.Parse(rest, new HashSet<string> { "--iterations" }, new HashSet<string>())),
                "serve-api" => await ServeApiAsync(CliArguments.Parse(rest, ServeApiValues, new HashSet<string> { "--strict-window", "--strict-consent", "--no-unionid" }), ct),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"wechat-sim: {ex.Message}\n\n{Usage.Text}");
            return BadArguments;
        }
    }

    private async Task<int> ChatAsync(CliArguments args, CancellationToken ct)
    {
        NoPositionals(args);
        var user = args.Value("--user") ?? throw new UsageException("chat needs --user <openid> (with --wecom: the member's UserID)");
        var connection = ConnectionOptions.From(args);
        using var http = connection.CreateBotClient();
        var bot = new BotConnection(http, connection.Settings, connection.CreateInteractionReporter(output));
        await output.WriteLineAsync(
            $"chat as {user} → {new Uri(connection.Bot, connection.Settings.CallbackPath)} ({connection.Settings.Mode.Name()} mode). " +
            $"Commands: {UserAction.Commands}");
        await new ChatCommand(bot, user, args.Flag("--retry"), new TranscriptWriter(output)).RunAsync(input, echo: inputIsRedirected, ct);
        return Ok;
    }

    private async Task<int> RunScriptAsync(CliArguments args, CancellationToken ct)
    {
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("run needs exactly one script file");
        }

        var path = args.Positionals[0];
        if (!File.Exists(path))
        {
            throw new UsageException($"script not found: {path}");
        }

        var connection = ConnectionOptions.From(args);
        using var http = connection.CreateBotClient();
        var runner = new ScriptRunner(http, connection.Settings, output, connection.CreateInteractionReporter(output));
        runner = args.Value("--user") is { } user ? runner.WithUser(user) : runner;

        await output.WriteLineAsync($"run {path} → {new Uri(connection.Bot, connection.Settings.CallbackPath)} ({connection.Settings.Mode.Name()} mode)");
        var result = await runner.RunAsync(await File.ReadAllTextAsync(path, ct), ct);
        return result.Passed ? Ok : Failed;
    }

    private async Task<int> ServeApiAsync(CliArguments args, CancellationToken ct)
    {
        NoPositionals(args);
        var options = new FakeApiOptions
        {
            Port = args.Int("--port", SimulatorDefaults.ApiPort, 1, 65535),
            FailCodes = args.Value("--fail") is { } codes
                ? FailCodes.TryParse(codes) ?? throw new UsageException("--fail takes " + FailCodes.Syntax)
                : [],
            FailRate = args.Double("--fail-rate", 0, 0, 1),
            Seed = args.Value("--seed") is null ? null : args.Int("--seed", 0, int.MinValue, int.MaxValue),
            LatencyMs = args.Int("--latency-ms", 0, 0, 60_000),
            StrictWindow = args.Flag("--strict-window"),
            StrictConsent = args.Flag("--strict-consent"),
            UnionIds = !args.Flag("--no-unionid"),
            Secret = args.Value("--secret"),
            RobotWindow = TimeSpan.FromSeconds(args.Int("--robot-window-seconds", 60, 1, 3600)),
        };

        FakeApiHost host;
        try
        {
            host = await FakeApiHost.StartAsync(options, output, ct: ct);
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"wechat-sim: cannot listen on 127.0.0.1:{options.Port}: {ex.Message}");
            return Failed;
        }

        await using (host)
        {
            await output.WriteLineAsync($"fake WeChat/WeCom API on {host.BaseAddress} — point WeChat:ApiBaseUrl here. Ctrl+C to stop.");
            await host.WaitForShutdownAsync(ct);
        }

        return Ok;
    }

    /// <summary>Reads the password from the first line of standard input (not the command line: shell history keeps that).</summary>
    private async Task<int> HashPasswordAsync(CliArguments args)
    {
        NoPositionals(args);
        var iterations = args.Int("--iterations", PasswordHasher.DefaultIterations, 10_000, 10_000_000);
        if (!inputIsRedirected)
        {
            await error.WriteLineAsync("password (input is echoed; pipe it in to avoid that):");
        }

        var password = (await input.ReadLineAsync())?.TrimEnd('\r');
        if (string.IsNullOrEmpty(password))
        {
            throw new UsageException("hash-password reads the password from the first line of standard input");
        }

        await output.WriteLineAsync(PasswordHasher.Hash(password, iterations));
        return Ok;
    }

    private static void NoPositionals(CliArguments args)
    {
        if (args.Positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument '{args.Positionals[0]}'");
        }
    }
}
