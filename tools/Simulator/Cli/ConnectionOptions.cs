using WechatLogistics.Simulator.Callback;
using WechatLogistics.Wechat.Crypto;

namespace WechatLogistics.Simulator.Cli;

/// <summary>The options chat and run share: where the bot is and what the account looks like.</summary>
public sealed record ConnectionOptions(Uri Bot, CallbackSettings Settings, Uri? Api)
{
    public static readonly IReadOnlySet<string> Names =
        new HashSet<string> { "--bot", "--mode", "--token", "--aes-key", "--appid", "--account", "--api", "--user" };

    public static ConnectionOptions From(CliArguments args)
    {
        var bot = AbsoluteUrl(args, "--bot", SimulatorDefaults.BotUrl)!;
        if (!CallbackModes.TryParse(args.Value("--mode", "safe"), out var mode))
        {
            throw new UsageException("--mode must be plain, compat or safe");
        }

        var aesKey = args.Value("--aes-key", SimulatorDefaults.EncodingAesKey);
        if (mode.IsEncrypted() && aesKey.Length != WeChatMessageCrypto.EncodingAesKeyLength)
        {
            throw new UsageException($"--aes-key must be the {WeChatMessageCrypto.EncodingAesKeyLength}-character EncodingAESKey");
        }

        var settings = new CallbackSettings
        {
            Mode = mode,
            Token = args.Value("--token", SimulatorDefaults.Token),
            EncodingAesKey = aesKey,
            AppId = args.Value("--appid", SimulatorDefaults.AppId),
            Account = args.Value("--account", SimulatorDefaults.Account),
            CallbackPath = bot.AbsolutePath == "/" ? SimulatorDefaults.CallbackPath : bot.AbsolutePath,
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
