using System.Text.Json.Nodes;
using Flurl.Http;
using Flurl.Http.Testing;
using Microsoft.Extensions.Logging;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Bot.WeChat.Outbound;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Wechat.Api.Tokens;
using WechatLogistics.Wechat.Api.WeChat;

namespace WechatLogistics.Bot.Tests.WeChat.Outbound;

public sealed class CustomerServiceReplySenderTests : IDisposable
{
    private const string OpenId = "oAbCdEfGhIjKlMnOpQrStUvWxYz9";
    private const string AccessToken = "TOKEN-cs-1a2b3c";
    private const string AppSecret = "SECRET-cs-4d5e6f";
    private readonly CapturingLoggerProvider _logs = new();
    private readonly LoggerFactory _loggerFactory;

    public CustomerServiceReplySenderTests() => _loggerFactory = new LoggerFactory([_logs]);

    public void Dispose() => _loggerFactory.Dispose();

    [Fact]
    public async Task TextReply_IsSentAsCustomerServiceTextToTheUser()
    {
        using var http = new HttpTest();
        RespondWithToken(http);
        http.ForCallsTo("*/cgi-bin/message/custom/send").RespondWith("""{"errcode":0,"errmsg":"ok"}""");

        await Sender().SendAsync("wxaccount", OpenId, ChatReply.Text("已为您登记报修"), CancellationToken.None);

        var call = Assert.Single(http.CallLog, c => c.Request.Url.Path.EndsWith("/cgi-bin/message/custom/send", StringComparison.Ordinal));
        Assert.Equal(AccessToken, call.Request.Url.QueryParams.FirstOrDefault("access_token"));
        AssertJson($$$"""{"touser":"{{{OpenId}}}","msgtype":"text","text":{"content":"已为您登记报修"}}""", call.RequestBody);
        Assert.Equal(1, _logs.Count("sent to oAbC…z9"));
    }

    [Fact]
    public async Task NewsReply_IsSentAsCustomerServiceNewsWithOneArticle()
    {
        using var http = new HttpTest();
        RespondWithToken(http);
        http.ForCallsTo("*/cgi-bin/message/custom/send").RespondWith("""{"errcode":0,"errmsg":"ok"}""");
        var news = new NewsChatReply([
            new NewsChatArticle("停水通知", "西区周六停水", "https://img.test/1.jpg", "https://news.test/1"),
            new NewsChatArticle("第二条", "不发送", null, null),
        ]);

        await Sender().SendAsync("wxaccount", OpenId, news, CancellationToken.None);

        var call = Assert.Single(http.CallLog, c => c.Request.Url.Path.EndsWith("/cgi-bin/message/custom/send", StringComparison.Ordinal));
        AssertJson(
            $$$"""
            {"touser":"{{{OpenId}}}","msgtype":"news","news":{"articles":[
              {"title":"停水通知","description":"西区周六停水","url":"https://news.test/1","picurl":"https://img.test/1.jpg"}]}}
            """,
            call.RequestBody);
    }

    [Fact]
    public async Task NoReply_SendsNothing()
    {
        using var http = new HttpTest();

        await Sender().SendAsync("wxaccount", OpenId, ChatReply.None, CancellationToken.None);

        Assert.Empty(http.CallLog);
    }

    [Theory]
    [InlineData(45015, "48-hour window closed")]
    [InlineData(45047, "quota for this user used up")]
    public async Task RejectedByWeChat_IsLoggedByErrcodeWithoutTextTokenOrOpenId_AndNotThrown(int errcode, string reason)
    {
        using var http = new HttpTest();
        RespondWithToken(http);
        http.ForCallsTo("*/cgi-bin/message/custom/send").RespondWith($$"""{"errcode":{{errcode}},"errmsg":"response out of time limit rid: 1"}""");

        await Sender().SendAsync("wxaccount", OpenId, ChatReply.Text("您的报修单已受理"), CancellationToken.None);

        var logged = Assert.Single(_logs.Messages, m => m.Contains("not sent", StringComparison.Ordinal));
        Assert.Contains($"errcode {errcode}", logged);
        Assert.Contains(reason, logged);
        Assert.Contains("oAbC…z9", logged);
        AssertNothingSecretLogged("您的报修单已受理");
    }

    [Fact]
    public async Task Unreachable_IsLoggedAfterRetries_AndNotThrown()
    {
        using var http = new HttpTest();
        RespondWithToken(http);
        http.ForCallsTo("*/cgi-bin/message/custom/send").SimulateTimeout();

        await Sender().SendAsync("wxaccount", OpenId, ChatReply.Text("您的报修单已受理"), CancellationToken.None);

        Assert.Equal(3, http.CallLog.Count(c => c.Request.Url.Path.EndsWith("/cgi-bin/message/custom/send", StringComparison.Ordinal)));
        Assert.Equal(1, _logs.Count("not sent: WeChat API unreachable"));
        AssertNothingSecretLogged("您的报修单已受理");
    }

    private static void RespondWithToken(HttpTest http) =>
        http.ForCallsTo("*/cgi-bin/stable_token").RespondWith($$"""{"access_token":"{{AccessToken}}","expires_in":7200}""");

    private static void AssertJson(string expected, string? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual!)), $"Expected {expected}, actual {actual}");

    private void AssertNothingSecretLogged(string messageText)
    {
        Assert.DoesNotContain(_logs.Messages, m =>
            m.Contains(OpenId, StringComparison.Ordinal) || m.Contains(AccessToken, StringComparison.Ordinal)
            || m.Contains(AppSecret, StringComparison.Ordinal) || m.Contains(messageText, StringComparison.Ordinal));
    }

    private CustomerServiceReplySender Sender()
    {
        var settings = new WeChatApiSettings
        {
            AppId = "wxaccount", AppSecret = AppSecret, BaseUrl = "https://wechat.test", RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        };
        var client = new WeChatApiClient(
            new FlurlClient(), settings, new InMemoryAccessTokenStore(), logger: _loggerFactory.CreateLogger<WeChatApiClient>());
        return new CustomerServiceReplySender(client, _loggerFactory.CreateLogger<CustomerServiceReplySender>());
    }
}
