using System.Text.Json.Nodes;
using Flurl.Http;
using Flurl.Http.Testing;
using WechatLogistics.Wechat.Api.Tokens;
using WechatLogistics.Wechat.Api.WeChat;
using WechatLogistics.Wechat.Api.WeCom;

namespace WechatLogistics.Wechat.Tests.Api.Support;

internal static class ApiTestData
{
    public const string AppId = "wx0123456789abcdef";
    public const string AppSecret = "APPSECRET-7f3a9c";
    public const string CorpId = "ww0123456789abcdef";
    public const string CorpSecret = "CORPSECRET-51be2d";
    public const int AgentId = 1000002;
    public const string Token1 = "TOKEN1-a1b2c3d4e5";
    public const string Token2 = "TOKEN2-f6a7b8c9d0";

    public static WeChatApiSettings WeChatSettings(string baseUrl = WeChatApiSettings.DefaultBaseUrl) => new()
    {
        AppId = AppId,
        AppSecret = AppSecret,
        BaseUrl = baseUrl,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
    };

    public static WeComApiSettings WeComSettings() => new()
    {
        CorpId = CorpId,
        CorpSecret = CorpSecret,
        AgentId = AgentId,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
    };

    public static WeChatApiClient WeChatClient(
        IAccessTokenStore? store = null, TimeProvider? time = null, CapturingLogger<WeChatApiClient>? logger = null, WeChatApiSettings? settings = null) =>
        new(new FlurlClient(), settings ?? WeChatSettings(), store ?? new InMemoryAccessTokenStore(time), time, logger);

    public static WeComApiClient WeComClient(IAccessTokenStore? store = null, CapturingLogger<WeComApiClient>? logger = null) =>
        new(new FlurlClient(), WeComSettings(), store ?? new InMemoryAccessTokenStore(), logger: logger);

    public static string TokenJson(string token, int expiresIn = 7200) => $$"""{"access_token":"{{token}}","expires_in":{{expiresIn}}}""";

    public static void RespondWithStableTokens(this HttpTest http, params string[] tokens)
    {
        var setup = http.ForCallsTo("*/cgi-bin/stable_token");
        foreach (var token in tokens)
        {
            setup.RespondWith(TokenJson(token));
        }
    }

    public static string Ok(string extra = "") => $$"""{"errcode":0,"errmsg":"ok"{{extra}}}""";

    public static string Error(int code, string message = "error") => $$"""{"errcode":{{code}},"errmsg":"{{message}} rid: 6630-1a2b"}""";

    public static FlurlCall SingleCall(this HttpTest http, string pathSuffix) =>
        Assert.Single(http.CallLog, c => c.Request.Url.Path.EndsWith(pathSuffix, StringComparison.Ordinal));

    public static int CountCalls(this HttpTest http, string pathSuffix) =>
        http.CallLog.Count(c => c.Request.Url.Path.EndsWith(pathSuffix, StringComparison.Ordinal));

    /// <summary>Structural equality: same keys, same values, nothing extra (so omitted nulls are checked too).</summary>
    public static void AssertJsonEqual(string expected, string? actual)
    {
        Assert.NotNull(actual);
        var equal = JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual));
        Assert.True(equal, $"Expected {expected}{Environment.NewLine}Actual   {actual}");
    }
}
