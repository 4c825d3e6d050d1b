using Flurl.Http.Testing;
using WechatLogistics.Wechat.Api;
using WechatLogistics.Wechat.Api.WeChat;
using WechatLogistics.Wechat.Api.WeCom;
using WechatLogistics.Wechat.Tests.Api.Support;
using static WechatLogistics.Wechat.Tests.Api.Support.ApiTestData;

namespace WechatLogistics.Wechat.Tests.Api;

/// <summary>Tokens, secrets, robot keys and session keys must reach neither log lines nor exceptions.</summary>
public sealed class SecretLeakTests
{
    private const string RobotKey = "ROBOTKEY-0c9e71";
    private const string SessionKey = "SESSIONKEY-d4e5f6";
    private const string JsCode = "JSCODE-8a8b8c";

    private static readonly string[] Secrets = [AppSecret, CorpSecret, Token1, Token2, RobotKey, SessionKey, JsCode];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailingWeChatCalls_LeakNoSecretIntoLogsOrExceptions()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1, Token2);
        http.ForCallsTo("*/cgi-bin/message/custom/send*").RespondWith(Error(40001));
        http.ForCallsTo("*/cgi-bin/message/template/send*").RespondWith("<html>oops</html>", 502);
        http.ForCallsTo("*/cgi-bin/message/subscribe/send*").SimulateTimeout();
        http.ForCallsTo("*/sns/jscode2session*").RespondWith(
            $$"""{"errcode":40029,"errmsg":"invalid code, hints: [ js_code={{JsCode}} ]","session_key":"{{SessionKey}}"}""");
        http.ForCallsTo("*/cgi-bin/media/get*").RespondWith("not json at all");
        var logger = new CapturingLogger<WeChatApiClient>();
        var client = WeChatClient(logger: logger);
        var data = new Dictionary<string, TemplateValue> { ["thing1"] = new("x") };

        List<Exception> failures =
        [
            await Assert.ThrowsAsync<WeChatApiException>(() => client.SendCustomMessageAsync(CgibinMessageCustomSendRequest.ForText("O", "hi"), Ct)),
            await Assert.ThrowsAsync<WeChatTransportException>(
                () => client.SendTemplateMessageAsync(new() { ToUser = "O", TemplateId = "T", Data = data }, Ct)),
            await Assert.ThrowsAsync<WeChatTransportException>(
                () => client.SendSubscribeMessageAsync(new() { ToUser = "O", TemplateId = "T", Data = data }, Ct)),
            await Assert.ThrowsAsync<WeChatApiException>(() => client.Code2SessionAsync(JsCode, Ct)),
            await Assert.ThrowsAsync<WeChatTransportException>(() => client.DownloadMediaAsync("M", Ct)),
        ];

        Assert.NotEmpty(logger.Entries);
        AssertNoSecret(logger.Entries.Concat(failures.Select(f => f.ToString())));
    }

    [Fact]
    public async Task FailingWeComCalls_LeakNoSecretIntoLogsOrExceptions()
    {
        using var http = new HttpTest();
        http.ForCallsTo("*/cgi-bin/gettoken*").RespondWith(TokenJson(Token1));
        http.ForCallsTo("*/cgi-bin/message/send*").RespondWith(Error(42001));
        http.ForCallsTo("*/cgi-bin/webhook/send*").RespondWith("bad gateway", 503);
        var logger = new CapturingLogger<WeComApiClient>();
        var client = WeComClient(logger: logger);

        List<Exception> failures =
        [
            await Assert.ThrowsAsync<WeChatApiException>(() => client.SendMessageAsync(CgibinMessageSendRequest.ForText("U", "hi"), Ct)),
            await Assert.ThrowsAsync<WeChatTransportException>(
                () => client.SendRobotMessageAsync(RobotKey, CgibinWebhookSendRequest.ForText("hi"), Ct)),
        ];

        Assert.NotEmpty(logger.Entries);
        AssertNoSecret(logger.Entries.Concat(failures.Select(f => f.ToString())));
    }

    [Fact]
    public async Task SuccessfulCalls_AreLoggedWithPathErrcodeAndDuration()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        http.ForCallsTo("*/cgi-bin/message/custom/send*").RespondWith(Ok());
        var logger = new CapturingLogger<WeChatApiClient>();

        await WeChatClient(logger: logger).SendCustomMessageAsync(CgibinMessageCustomSendRequest.ForText("O", "hi"), Ct);

        Assert.Contains(logger.Entries, e => e.Contains("POST /cgi-bin/stable_token answered errcode 0 in", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.Contains("POST /cgi-bin/message/custom/send answered errcode 0 in", StringComparison.Ordinal));
        AssertNoSecret(logger.Entries);
    }

    private static void AssertNoSecret(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            foreach (var secret in Secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"'{secret}' leaked into: {text}");
            }
        }
    }
}
