using Flurl.Http.Testing;
using WechatLogistics.Wechat.Api.WeCom;
using WechatLogistics.Wechat.Tests.Api.Support;
using static WechatLogistics.Wechat.Tests.Api.Support.ApiTestData;

namespace WechatLogistics.Wechat.Tests.Api;

public sealed class WeComApiClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void RespondWithWeComToken(HttpTest http, string token = Token1) =>
        http.ForCallsTo("*/cgi-bin/gettoken*").RespondWith($$"""{"errcode":0,"errmsg":"ok","access_token":"{{token}}","expires_in":7200}""");

    [Fact]
    public async Task GetTokenAsync_GetsWithCorpIdAndSecret_MapsToken()
    {
        using var http = new HttpTest();
        RespondWithWeComToken(http);

        var response = await WeComClient().GetTokenAsync(Ct);

        var call = Assert.Single(http.CallLog);
        Assert.Equal(HttpMethod.Get, call.HttpRequestMessage.Method);
        Assert.Equal("https://qyapi.weixin.qq.com/cgi-bin/gettoken", call.Request.Url.ToString().Split('?')[0]);
        Assert.Equal(CorpId, call.Request.Url.QueryParams.FirstOrDefault("corpid"));
        Assert.Equal(CorpSecret, call.Request.Url.QueryParams.FirstOrDefault("corpsecret"));
        Assert.Equal((Token1, 7200), (response.AccessToken, response.ExpiresIn));
    }

    [Fact]
    public async Task SendMessageAsync_Text_StampsAgentIdAndToken_MapsInvalidRecipients()
    {
        using var http = new HttpTest();
        RespondWithWeComToken(http);
        http.ForCallsTo("*/cgi-bin/message/send*").RespondWith(
            """{"errcode":0,"errmsg":"ok","invaliduser":"userid1|userid2","invalidparty":"","invalidtag":"","msgid":"MSGID1","response_code":"RC"}""");

        var response = await WeComClient().SendMessageAsync(CgibinMessageSendRequest.ForText("UserA|UserB", "第一行\n第二行"), Ct);

        var call = http.SingleCall("/cgi-bin/message/send");
        Assert.Equal(HttpMethod.Post, call.HttpRequestMessage.Method);
        Assert.Equal(Token1, call.Request.Url.QueryParams.FirstOrDefault("access_token"));
        AssertJsonEqual(
            $$$"""{"touser":"UserA|UserB","msgtype":"text","agentid":{{{AgentId}}},"text":{"content":"第一行\n第二行"}}""", call.RequestBody);
        Assert.Equal("userid1|userid2", response.InvalidUser);
        Assert.Equal("MSGID1", response.MessageId);
        Assert.Equal("RC", response.ResponseCode);
    }

    [Fact]
    public async Task SendMessageAsync_MarkdownAndTextCard_MatchDocumentedShapes()
    {
        using var http = new HttpTest();
        RespondWithWeComToken(http);
        http.ForCallsTo("*/cgi-bin/message/send*").RespondWith(Ok());
        var client = WeComClient();

        await client.SendMessageAsync(CgibinMessageSendRequest.ForMarkdown("@all", "**加粗**"), Ct);
        await client.SendMessageAsync(
            CgibinMessageSendRequest.ForTextCard(
                "UserA",
                new CgibinMessageSendRequest.TextCardBody
                {
                    Title = "标题", Description = "<div class=\"gray\">2024年5月1日</div>", Url = "https://example.com/x", ButtonText = "详情",
                }) with { ToParty = "2", EnableDuplicateCheck = 1, DuplicateCheckInterval = 1800 },
            Ct);

        var sends = http.CallLog.Where(c => c.Request.Url.Path.EndsWith("/message/send", StringComparison.Ordinal)).ToList();
        AssertJsonEqual($$$"""{"touser":"@all","msgtype":"markdown","agentid":{{{AgentId}}},"markdown":{"content":"**加粗**"}}""", sends[0].RequestBody);
        AssertJsonEqual(
            $$"""
            {"touser":"UserA","toparty":"2","msgtype":"textcard","agentid":{{AgentId}},
             "textcard":{"title":"标题","description":"<div class=\"gray\">2024年5月1日</div>","url":"https://example.com/x","btntxt":"详情"},
             "enable_duplicate_check":1,"duplicate_check_interval":1800}
            """,
            sends[1].RequestBody);
        Assert.Contains("<div class=\\\"gray\\\">2024年5月1日</div>", sends[1].RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessageAsync_NoRecipient_ThrowsBeforeAnyCall()
    {
        using var http = new HttpTest();

        await Assert.ThrowsAsync<ArgumentException>(
            () => WeComClient().SendMessageAsync(new CgibinMessageSendRequest { MessageType = "text", Text = new("x") }, Ct));

        Assert.Empty(http.CallLog);
    }

    [Fact]
    public async Task SendRobotMessageAsync_Text_PostsToWebhookWithKeyAndMentions_NoAccessToken()
    {
        using var http = new HttpTest();
        http.RespondWith(Ok());

        var response = await WeComClient().SendRobotMessageAsync(
            "ROBOT-KEY-693a", CgibinWebhookSendRequest.ForText("今晚22:00停水", ["wangqing", "@all"], ["13800001111"]), Ct);

        var call = Assert.Single(http.CallLog);
        Assert.Equal(HttpMethod.Post, call.HttpRequestMessage.Method);
        Assert.Equal("/cgi-bin/webhook/send", call.Request.Url.Path);
        Assert.Equal("ROBOT-KEY-693a", call.Request.Url.QueryParams.FirstOrDefault("key"));
        Assert.False(call.Request.Url.QueryParams.Contains("access_token"));
        AssertJsonEqual(
            """{"msgtype":"text","text":{"content":"今晚22:00停水","mentioned_list":["wangqing","@all"],"mentioned_mobile_list":["13800001111"]}}""",
            call.RequestBody);
        Assert.True(response.IsSuccessful);
    }

    [Fact]
    public async Task SendRobotMessageAsync_Markdown_OmitsTextBlock()
    {
        using var http = new HttpTest();
        http.RespondWith(Ok());

        await WeComClient().SendRobotMessageAsync("K", CgibinWebhookSendRequest.ForMarkdown("**提醒** <font color=\"warning\">3</font>"), Ct);

        AssertJsonEqual("""{"msgtype":"markdown","markdown":{"content":"**提醒** <font color=\"warning\">3</font>"}}""", http.CallLog[0].RequestBody);
    }

    [Fact]
    public async Task AccessTokens_AreKeyedByCorpIdAndAgentId()
    {
        using var http = new HttpTest();
        RespondWithWeComToken(http);
        var store = new SpyTokenStore();

        await WeComClient(store).AccessTokens.GetAccessTokenAsync(Ct);

        var cached = await store.GetAsync($"{CorpId}:{AgentId}", Ct);
        Assert.Equal(Token1, cached?.AccessToken);
    }

    [Fact]
    public void Settings_ToString_HidesCorpSecret()
    {
        Assert.DoesNotContain(CorpSecret, WeComSettings().ToString(), StringComparison.Ordinal);
    }
}
