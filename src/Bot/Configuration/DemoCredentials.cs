namespace WechatLogistics.Bot.Configuration;

/// <summary>
/// The local demo credentials shipped in appsettings.json (shared with tools/Simulator). They are public, so running
/// them against the real WeChat host is a configuration mistake worth shouting about.
/// </summary>
public static partial class DemoCredentials
{
    public const string AppId = "wxdemo0c4a11e9c8f0";

    public const string Token = "demo-token-change-me";

    public const string EncodingAesKey = "DemoKeyForLocalSimulatorOnly0123456789abcde";

    public static bool AreInUse(WeChatOptions options) =>
        options.AppId == AppId || options.Token == Token || options.EncodingAesKey == EncodingAesKey;

    public static bool PointsAtRealWeChat(WeChatOptions options) =>
        Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri)
        && uri.Host.EndsWith("weixin.qq.com", StringComparison.OrdinalIgnoreCase);

    public static void WarnIfMisused(WeChatOptions options, ILogger logger)
    {
        if (AreInUse(options) && PointsAtRealWeChat(options))
        {
            LogDemoAgainstRealHost(logger, options.ApiBaseUrl);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message =
        "!!! DEMO CREDENTIALS IN USE WITH THE REAL WECHAT API ({ApiBaseUrl}) !!! The AppId/Token/EncodingAesKey in appsettings.json are public demo values " +
        "for tools/Simulator. Set WeChat__AppId, WeChat__AppSecret, WeChat__Token and WeChat__EncodingAesKey to your account's values.")]
    private static partial void LogDemoAgainstRealHost(ILogger logger, string apiBaseUrl);
}
