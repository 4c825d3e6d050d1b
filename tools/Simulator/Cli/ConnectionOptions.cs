using WechatLogistics.Simulator.Callback;
using WechatLogistics.Wechat.Crypto;

namespace WechatLogistics.Simulator.Cli;

/// <summary>The options chat and run share: where the bot is and what the account looks like.</summary>
public sealed record ConnectionOptions(Uri Bot, CallbackSettings Settings, Uri? Api)
{
    public static readonly IReadOnlySet<string> Names =
        new HashSet<string> { "--bot", "--mode", "--token", "--aes-key", "--appid", "--account", "--api", "--user", "--corpid", "--agentid" };

    public static ConnectionOptions From(CliArguments args)
    {
        var bot = AbsoluteUrl(args, "--bot", SimulatorDefaults.BotUrl)!;
        var weCom = args.Flag("--wecom");
        if (!CallbackModes.TryParse(args.Value("--mode", weCom ? "wecom" : "safe"), out var mode) || (weCom && mode != CallbackMode.WeCom))
        {
            throw new UsageException("--mode must be plain, compat or safe (--wecom talks to the WeCom app instead)");
        }

        var aesKey = args.Value("--aes-key", weCom ? SimulatorDefaults.WeComEncodingAesKey : SimulatorDefaults.EncodingAesKey);
        if (mode.IsEncrypted() && aesKey.Length != WeChatMessageCrypto.EncodingAesKeyLength)
        {
            throw new UsageException($"--aes-key must be the {WeChatMessageCrypto.EncodingAesKeyLength}-character EncodingAESKey");
        }

        var settings = new CallbackSettings
        {
            Mode = mode,
            Token = args.Value("--token", weCom ? SimulatorDefaults.WeComToken : SimulatorDefaults.Token),
            EncodingAesKey = aesKey,
            // WeCom: the CorpID is both the receive id inside the ciphertext and the ToUserName of every push.
            AppId = args.Value(weCom ? "--corpid" : "--appid", weCom ? SimulatorDefaults.WeComCorpId : SimulatorDefaults.AppId),
            Account = weCom ? args.Value("--corpid", SimulatorDefaults.WeComCorpId) : args.Value("--account", SimulatorDefaults.Account),
            AgentId = int.TryParse(args.Value("--agentid", SimulatorDefaults.WeComAgentId.ToString(System.Globalization.CultureInfo.InvariantCulture)), out var agentId)
                ? agentId : throw new UsageException("--agentid must be a number"),
            CallbackPath = bot.AbsolutePath != "/" ? bot.AbsolutePath : weCom ? SimulatorDefaults.WeComCallbackPath : SimulatorDefaults.CallbackPath,
        };
        return new ConnectionOptions(new Uri(bot.GetLeftPart(UriPartial.Authority) + "/"), settings, AbsoluteUrl(args, "--api", null));
    }

    public HttpClient CreateBotClient() => new() { BaseAddress = Bot, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Reports user messages to <c>--api</c> when given.</summary>
    public IInteractionReporter? CreateInteractionReporter(TextWriter output) =>
        Api is null ? null : new FakeApiInteractionReporter(new HttpClient { BaseAddress = Api, Timeout = TimeSpan.FromSeconds(5) }, output);

    private static Uri? AbsoluteUrl(CliArguments args, string name, string? fallback) =>
        args.Value(name, fallback!) is not { } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : throw new UsageException($"{name} must be an absolute http(s) URL");
}
