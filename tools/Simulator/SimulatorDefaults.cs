namespace WechatLogistics.Simulator;

/// <summary>
/// The public demo credentials the simulator uses unless told otherwise. They MUST stay equal to
/// src/Bot/Configuration/DemoCredentials.cs and to the "WeChat" section of the root appsettings.json, so that
/// <c>dotnet run --project src/Bot</c> and <c>wechat-sim chat</c> work together with no options
/// (a test in tests/Bot.Tests checks the constants). The simulator does not reference the Bot on purpose:
/// it plays the WeChat server and must only know what WeChat knows.
/// </summary>
public static class SimulatorDefaults
{
    public const string AppId = "wxdemo0c4a11e9c8f0";

    public const string Token = "demo-token-change-me";

    public const string EncodingAesKey = "DemoKeyForLocalSimulatorOnly0123456789abcde";

    /// <summary>The Official Account's original ID (ToUserName of every push).</summary>
    public const string Account = "gh_demo";

    /// <summary>The demo WeCom app (the "WeCom" section of appsettings.json); its CorpID is ToUserName of every push.</summary>
    public const string WeComCorpId = "wwdemo0c4a11e9c8f0";

    public const int WeComAgentId = 1000002;

    public const string WeComToken = "demo-wecom-token-change-me";

    public const string WeComEncodingAesKey = "DemoWeComKeyForLocalSimulatorOnly0123456789";

    public const string WeComCallbackPath = "/wecom/callback";

    public const string BotUrl = "http://127.0.0.1:5080";

    public const string CallbackPath = "/wechat/callback";

    /// <summary>Where the Bot's WeChat:ApiBaseUrl points by default (appsettings.json).</summary>
    public const int ApiPort = 5090;
}
