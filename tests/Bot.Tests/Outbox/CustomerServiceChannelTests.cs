using System.Text.Json.Nodes;
using Flurl.Http;
using Flurl.Http.Testing;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Infrastructure.InProcess;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.Outbox.Channels;
using WechatLogistics.Bot.WeChat.Outbound;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Wechat.Api.Tokens;
using WechatLogistics.Wechat.Api.WeChat;

namespace WechatLogistics.Bot.Tests.Outbox;

/// <summary>The customer-service channel on its own, against Flurl's HttpTest.</summary>
public sealed class CustomerServiceChannelTests
{
    private const string OpenId = "oAbCdEfGhIjKlMnOpQrStUvWxYz9";
    private const string AccessToken = "TOKEN-cs-1a2b3c";
    private readonly InMemoryContactWindow _window = new(TimeProvider.System);

    [Fact]
    public async Task DeferredTextAnswer_IsSentAsCustomerServiceText()
    {
        using var http = new HttpTest();
        RespondWithToken(http);
        http.ForCallsTo("*/cgi-bin/message/custom/send").RespondWith("""{"errcode":0,"errmsg":"ok"}""");

        var outcome = await Channel().SendAsync(Row(), CustomerServiceReplySender.ToContent(ChatReply.Text("已为您登记报修"))!, CancellationToken.None);

        Assert.IsType<SendOutcome.Delivered>(outcome);
        var call = Assert.Single(http.CallLog, c => c.Request.Url.Path.EndsWith("/cgi-bin/message/custom/send", StringComparison.Ordinal));
        Assert.Equal(AccessToken, call.Request.Url.QueryParams.FirstOrDefault("access_token"));
        AssertJson($$$"""{"touser":"{{{OpenId}}}","msgtype":"text","text":{"content":"已为您登记报修"}}""", call.RequestBody);
    }

    [Fact]
    public async Task DeferredNewsAnswer_IsSentWithItsFirstArticleOnly()
    {
        using var http = new HttpTest();
        RespondWithToken(http);
        http.ForCallsTo("*/cgi-bin/message/custom/send").RespondWith("""{"errcode":0,"errmsg":"ok"}""");
        var news = new NewsChatReply([
            new NewsChatArticle("停水通知", "西区周六停水", "https://img.test/1.jpg", "https://news.test/1"),
            new NewsChatArticle("第二条", "不发送", null, null),
        ]);

        await Channel().SendAsync(Row(), CustomerServiceReplySender.ToContent(news)!, CancellationToken.None);

        var call = Assert.Single(http.CallLog, c => c.Request.Url.Path.EndsWith("/cgi-bin/message/custom/send", StringComparison.Ordinal));
        AssertJson(
            $$$"""
            {"touser":"{{{OpenId}}}","msgtype":"news","news":{"articles":[
              {"title":"停水通知","description":"西区周六停水","url":"https://news.test/1","picurl":"https://img.test/1.jpg"}]}}
            """,
            call.RequestBody);
    }

    [Fact]
    public void NoReply_IsNotQueued() => Assert.Null(CustomerServiceReplySender.ToContent(ChatReply.None));

    [Theory]
    [InlineData(45015)]
    [InlineData(45047)]
    public async Task WindowOrQuotaSpent_IsUnreachable_SoANoticeCanFallBack(int errcode)
    {
        using var http = new HttpTest();
        RespondWithToken(http);
        http.ForCallsTo("*/cgi-bin/message/custom/send").RespondWith($$"""{"errcode":{{errcode}},"errmsg":"x rid: 1"}""");

        var outcome = await Channel().SendAsync(Row(), new OutboxContent { Text = "您的报修单已受理" }, CancellationToken.None);

        Assert.Equal(errcode, Assert.IsType<SendOutcome.Unreachable>(outcome).ErrorCode);
    }

    [Fact]
    public async Task Unreachable_AfterTheClientsThreeAttempts_IsTransient()
    {
        using var http = new HttpTest();
        RespondWithToken(http);
        http.ForCallsTo("*/cgi-bin/message/custom/send").SimulateTimeout();

        var outcome = await Channel().SendAsync(Row(), new OutboxContent { Text = "您的报修单已受理" }, CancellationToken.None);

        Assert.IsType<SendOutcome.Transient>(outcome);
        Assert.Equal(3, http.CallLog.Count(c => c.Request.Url.Path.EndsWith("/cgi-bin/message/custom/send", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Notice_WithTheWindowClosed_DoesNotCallWeChat()
    {
        using var http = new HttpTest();

        var outcome = await Channel().SendAsync(Row(), new OutboxContent { Text = "通知", ReachUser = true }, CancellationToken.None);

        Assert.IsType<SendOutcome.Unreachable>(outcome);
        Assert.Empty(http.CallLog);
    }

    [Fact]
    public async Task Notice_WithTheWindowOpen_IsSent()
    {
        using var http = new HttpTest();
        RespondWithToken(http);
        http.ForCallsTo("*/cgi-bin/message/custom/send").RespondWith("""{"errcode":0,"errmsg":"ok"}""");
        _window.Record("wxaccount", OpenId);

        var outcome = await Channel().SendAsync(Row(), new OutboxContent { Text = "通知", ReachUser = true }, CancellationToken.None);

        Assert.IsType<SendOutcome.Delivered>(outcome);
    }

    private static OutboxMessage Row() => new() { Id = Guid.NewGuid(), Recipient = OpenId, Channel = OutboxChannel.CustomerService };

    private static void RespondWithToken(HttpTest http) =>
        http.ForCallsTo("*/cgi-bin/stable_token").RespondWith($$"""{"access_token":"{{AccessToken}}","expires_in":7200}""");

    private static void AssertJson(string expected, string? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual!)), $"Expected {expected}, actual {actual}");

    private CustomerServiceChannel Channel()
    {
        var settings = new WeChatApiSettings
        {
            AppId = "wxaccount", AppSecret = "SECRET-cs-4d5e6f", BaseUrl = "https://wechat.test", RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        };
        var client = new WeChatApiClient(new FlurlClient(), settings, new InMemoryAccessTokenStore());
        return new CustomerServiceChannel(client, _window, Options.Create(new WeChatOptions { AppId = "wxaccount" }));
    }
}
