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

    public const string WeComCorpId = "wwdemo0c4a11e9c8f0";

    public const string WeComToken = "demo-wecom-token-change-me";

    public const string WeComEncodingAesKey = "DemoWeComKeyForLocalSimulatorOnly0123456789";

    /// <summary>The staff API's demo JWT signing key: whoever knows it can sign an admin token.</summary>
    public const string SigningKey = "DEMO-SIGNING-KEY-public-change-me-0123456789abcdef";

    public static bool AreInUse(WeChatOptions options) =>
        options.AppId == AppId || options.Token == Token || options.EncodingAesKey == EncodingAesKey;

    public static bool PointsAtRealWeChat(WeChatOptions options) =>
        Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri)
        && uri.Host.EndsWith("weixin.qq.com", StringComparison.OrdinalIgnoreCase);

    public static bool SigningKeyInUse(Staff.AuthOptions auth) => auth.SigningKey == SigningKey;

    public static void WarnIfMisused(WeChatOptions options, Staff.AuthOptions auth, ILogger logger)
    {
        if ((AreInUse(options) || SigningKeyInUse(auth)) && PointsAtRealWeChat(options))
        {
            LogDemoAgainstRealHost(logger, options.ApiBaseUrl);
        }
        else if (SigningKeyInUse(auth))
        {
            LogDemoSigningKey(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message =
        "!!! DEMO CREDENTIALS IN USE WITH THE REAL WECHAT API ({ApiBaseUrl}) !!! The AppId/Token/EncodingAesKey and Auth:SigningKey in appsettings.json " +
        "are public demo values for tools/Simulator. Set WeChat__AppId, WeChat__AppSecret, WeChat__Token, WeChat__EncodingAesKey and Auth__SigningKey " +
        "to your own values.")]
    private static partial void LogDemoAgainstRealHost(ILogger logger, string apiBaseUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Auth:SigningKey is the public demo key from appsettings.json: anyone can sign a staff token. Set Auth__SigningKey before exposing the staff API.")]
    private static partial void LogDemoSigningKey(ILogger logger);
}
