using Flurl.Http.Testing;
using WechatLogistics.Wechat.Api;
using WechatLogistics.Wechat.Api.Tokens;
using WechatLogistics.Wechat.Api.WeChat;
using WechatLogistics.Wechat.Tests.Api.Support;
using static WechatLogistics.Wechat.Tests.Api.Support.ApiTestData;

namespace WechatLogistics.Wechat.Tests.Api;

public sealed class WeChatApiClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetStableTokenAsync_PostsCredentialsAsJson_MapsTokenAndExpiry()
    {
        using var http = new HttpTest();
        http.RespondWith(TokenJson(Token1, 7200));
        var client = WeChatClient();

        var response = await client.GetStableTokenAsync(cancellationToken: Ct);

        var call = Assert.Single(http.CallLog);
        Assert.Equal(HttpMethod.Post, call.HttpRequestMessage.Method);
        Assert.Equal("https://api.weixin.qq.com/cgi-bin/stable_token", call.Request.Url.ToString());
        AssertJsonEqual(
            $$"""{"grant_type":"client_credential","appid":"{{AppId}}","secret":"{{AppSecret}}","force_refresh":false}""", call.RequestBody);
        Assert.Equal("application/json", call.HttpRequestMessage.Content?.Headers.ContentType?.MediaType);
        Assert.Equal(Token1, response.AccessToken);
        Assert.Equal(7200, response.ExpiresIn);
        Assert.True(response.IsSuccessful);
    }

    [Fact]
    public async Task GetStableTokenAsync_ForceRefresh_SendsTrue()
    {
        using var http = new HttpTest();
        http.RespondWith(TokenJson(Token1));

        await WeChatClient().GetStableTokenAsync(forceRefresh: true, Ct);

        Assert.Contains("\"force_refresh\":true", http.CallLog[0].RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendCustomMessageAsync_Text_SendsTokenInQueryAndChineseUnescaped()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        http.ForCallsTo("*/cgi-bin/message/custom/send*").RespondWith(Ok());
        var client = WeChatClient();

        var response = await client.SendCustomMessageAsync(CgibinMessageCustomSendRequest.ForText("OPENID", "你好，世界"), Ct);

        var call = http.SingleCall("/cgi-bin/message/custom/send");
        Assert.Equal(HttpMethod.Post, call.HttpRequestMessage.Method);
        Assert.Equal(Token1, call.Request.Url.QueryParams.FirstOrDefault("access_token"));
        Assert.Contains("你好，世界", call.RequestBody, StringComparison.Ordinal);
        AssertJsonEqual("""{"touser":"OPENID","msgtype":"text","text":{"content":"你好，世界"}}""", call.RequestBody);
        Assert.True(response.IsSuccessful);
    }

    [Fact]
    public async Task SendCustomMessageAsync_ImageAndNews_MatchDocumentedShapes()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        http.ForCallsTo("*/cgi-bin/message/custom/send*").RespondWith(Ok());
        var client = WeChatClient();

        await client.SendCustomMessageAsync(CgibinMessageCustomSendRequest.ForImage("OPENID", "MEDIA_ID"), Ct);
        await client.SendCustomMessageAsync(
            CgibinMessageCustomSendRequest.ForNews(
                "OPENID",
                new CgibinMessageCustomSendRequest.NewsArticle { Title = "标题", Url = "https://example.com/a" },
                new CgibinMessageCustomSendRequest.NewsArticle { Title = "T2", Description = "D", Url = "https://example.com/b", PictureUrl = "https://example.com/p.png" }),
            Ct);

        var sends = http.CallLog.Where(c => c.Request.Url.Path.EndsWith("/custom/send", StringComparison.Ordinal)).ToList();
        AssertJsonEqual("""{"touser":"OPENID","msgtype":"image","image":{"media_id":"MEDIA_ID"}}""", sends[0].RequestBody);
        AssertJsonEqual(
            """
            {"touser":"OPENID","msgtype":"news","news":{"articles":[
              {"title":"标题","url":"https://example.com/a"},
              {"title":"T2","description":"D","url":"https://example.com/b","picurl":"https://example.com/p.png"}]}}
            """,
            sends[1].RequestBody);
    }

    [Fact]
    public async Task SendTemplateMessageAsync_SendsDataAndClientMsgId_OmitsNulls_MapsMsgId()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        http.ForCallsTo("*/cgi-bin/message/template/send*").RespondWith(Ok(""","msgid":200228332"""));
        var request = new CgibinMessageTemplateSendRequest
        {
            ToUser = "OPENID",
            TemplateId = "TEMPLATE_ID",
            MiniProgram = new("MINI_APPID", "pages/index?id=1"),
            ClientMessageId = "MSG_000001",
            Data = new Dictionary<string, TemplateValue> { ["thing1"] = new("测试内容"), ["time2"] = new("2024-05-01 10:00") },
        };

        var response = await WeChatClient().SendTemplateMessageAsync(request, Ct);

        var call = http.SingleCall("/cgi-bin/message/template/send");
        Assert.Equal(Token1, call.Request.Url.QueryParams.FirstOrDefault("access_token"));
        AssertJsonEqual(
            """
            {"touser":"OPENID","template_id":"TEMPLATE_ID",
             "miniprogram":{"appid":"MINI_APPID","pagepath":"pages/index?id=1"},
             "client_msg_id":"MSG_000001",
             "data":{"thing1":{"value":"测试内容"},"time2":{"value":"2024-05-01 10:00"}}}
            """,
            call.RequestBody);
        Assert.Equal(200228332L, response.MessageId);
    }

    [Fact]
    public async Task SendSubscribeMessageAsync_SendsPageStateAndLang_MapsMsgIdFromString()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        http.ForCallsTo("*/cgi-bin/message/subscribe/send*").RespondWith(Ok(""","msgid":"3021937163457101824" """));
        var request = new CgibinMessageSubscribeSendRequest
        {
            ToUser = "OPENID",
            TemplateId = "TEMPLATE_ID",
            Page = "pages/detail?id=123",
            MiniProgramState = "formal",
            Language = "zh_CN",
            Data = new Dictionary<string, TemplateValue> { ["character_string1"] = new("A001"), ["thing2"] = new("中文") },
        };

        var response = await WeChatClient().SendSubscribeMessageAsync(request, Ct);

        var call = http.SingleCall("/cgi-bin/message/subscribe/send");
        Assert.Equal(HttpMethod.Post, call.HttpRequestMessage.Method);
        Assert.Equal(Token1, call.Request.Url.QueryParams.FirstOrDefault("access_token"));
        AssertJsonEqual(
            """
            {"touser":"OPENID","template_id":"TEMPLATE_ID","page":"pages/detail?id=123",
             "miniprogram_state":"formal","lang":"zh_CN",
             "data":{"character_string1":{"value":"A001"},"thing2":{"value":"中文"}}}
            """,
            call.RequestBody);
        Assert.Equal(3021937163457101824L, response.MessageId);
    }

    [Fact]
    public async Task SendSubscribeNotificationAsync_PostsToBizSendWithTokenAndData()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        http.ForCallsTo("*/cgi-bin/message/subscribe/bizsend*").RespondWith(Ok(""));
        var request = new CgibinMessageSubscribeBizSendRequest
        {
            ToUser = "OPENID",
            TemplateId = "TEMPLATE_ID",
            Data = new Dictionary<string, TemplateValue> { ["character_string1"] = new("R20250903-0042"), ["phrase2"] = new("已派单") },
        };

        await WeChatClient().SendSubscribeNotificationAsync(request, Ct);

        var call = http.SingleCall("/cgi-bin/message/subscribe/bizsend");
        Assert.Equal(Token1, call.Request.Url.QueryParams.FirstOrDefault("access_token"));
        AssertJsonEqual(
            """
            {"touser":"OPENID","template_id":"TEMPLATE_ID",
             "data":{"character_string1":{"value":"R20250903-0042"},"phrase2":{"value":"已派单"}}}
            """,
            call.RequestBody);
    }

    [Fact]
    public async Task SendSubscribeNotificationAsync_NoConsentLeft_Throws43101AtOnce()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        http.ForCallsTo("*/cgi-bin/message/subscribe/bizsend*").RespondWith("""{"errcode":43101,"errmsg":"user refuse to accept the msg"}""");
        var request = new CgibinMessageSubscribeBizSendRequest
        {
            ToUser = "OPENID", TemplateId = "TEMPLATE_ID", Data = new Dictionary<string, TemplateValue> { ["thing1"] = new("x") },
        };

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => WeChatClient().SendSubscribeNotificationAsync(request, Ct));

        Assert.Equal(WeChatErrorCodes.UserRefusedMessage, error.ErrorCode);
        Assert.Single(http.CallLog, c => c.Request.Url.Path == "/cgi-bin/message/subscribe/bizsend");
    }

    [Fact]
    public async Task Code2SessionAsync_GetsWithAppCredentialsAndNoAccessToken()
    {
        using var http = new HttpTest();
        http.RespondWith("""{"openid":"OPENID","session_key":"SESSIONKEY==","unionid":"UNIONID"}""");

        var response = await WeChatClient().Code2SessionAsync("JSCODE", Ct);

        var call = Assert.Single(http.CallLog);
        Assert.Equal(HttpMethod.Get, call.HttpRequestMessage.Method);
        Assert.Equal("/sns/jscode2session", call.Request.Url.Path);
        var query = call.Request.Url.QueryParams;
        Assert.Equal(AppId, query.FirstOrDefault("appid"));
        Assert.Equal(AppSecret, query.FirstOrDefault("secret"));
        Assert.Equal("JSCODE", query.FirstOrDefault("js_code"));
        Assert.Equal("authorization_code", query.FirstOrDefault("grant_type"));
        Assert.False(query.Contains("access_token"));
        Assert.Equal(("OPENID", "SESSIONKEY==", "UNIONID"), (response.OpenId, response.SessionKey, response.UnionId));
    }

    [Fact]
    public async Task Code2SessionAsync_ResponseToString_DoesNotRevealSessionKey()
    {
        using var http = new HttpTest();
        http.RespondWith("""{"openid":"OPENID","session_key":"SESSIONKEY=="}""");

        var response = await WeChatClient().Code2SessionAsync("JSCODE", Ct);

        Assert.DoesNotContain("SESSIONKEY", response.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SESSIONKEY", (response with { UnionId = "U" }).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code2SessionAsync_UsedCode_ThrowsWithCodeAndPath()
    {
        using var http = new HttpTest();
        http.RespondWith(Error(WeChatErrorCodes.CodeBeenUsed, "code been used"));

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => WeChatClient().Code2SessionAsync("JSCODE", Ct));

        Assert.Equal(40163, ex.ErrorCode);
        Assert.Equal("/sns/jscode2session", ex.ApiPath);
        Assert.StartsWith("code been used", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(AppSecret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUserInfoAsync_SendsTheTokenAndOpenId_AndReadsTheUnionId()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        http.ForCallsTo("*/cgi-bin/user/info*").RespondWith("""{"subscribe":1,"openid":"OPENID","unionid":"UNIONID","subscribe_time":1714036504}""");

        var info = await WeChatClient().GetUserInfoAsync("OPENID", Ct);

        var call = http.CallLog.Single(c => c.Request.Url.Path == "/cgi-bin/user/info");
        Assert.Equal(Token1, call.Request.Url.QueryParams.FirstOrDefault("access_token"));
        Assert.Equal("OPENID", call.Request.Url.QueryParams.FirstOrDefault("openid"));
        Assert.Equal("zh_CN", call.Request.Url.QueryParams.FirstOrDefault("lang"));
        Assert.Equal((1, "OPENID", "UNIONID"), (info.Subscribe, info.OpenId, info.UnionId));
    }

    [Fact]
    public async Task Calls_UseSettingsBaseUrl_SoTheSimulatorCanStandIn()
    {
        using var http = new HttpTest();
        http.RespondWith(TokenJson(Token1));
        var client = WeChatClient(settings: WeChatSettings("http://localhost:5080/fake-wechat"));

        await client.GetStableTokenAsync(cancellationToken: Ct);

        Assert.Equal("http://localhost:5080/fake-wechat/cgi-bin/stable_token", http.CallLog[0].Request.Url.ToString());
    }

    [Fact]
    public async Task Calls_UseSettingsBaseUrl_EvenWhenTheFlurlClientHasAnother()
    {
        using var http = new HttpTest();
        http.RespondWith(TokenJson(Token1));
        var client = new WeChatApiClient(
            new Flurl.Http.FlurlClient("https://elsewhere.example/base"), WeChatSettings(WeChatApiSettings.BackupBaseUrl), new InMemoryAccessTokenStore());

        await client.GetStableTokenAsync(cancellationToken: Ct);

        Assert.Equal("https://api2.weixin.qq.com/cgi-bin/stable_token", http.CallLog[0].Request.Url.ToString());
    }

    [Fact]
    public async Task CancelledByCaller_ThrowsOperationCanceled_NotTransportError()
    {
        using var http = new HttpTest();
        http.RespondWith(TokenJson(Token1));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => WeChatClient().Code2SessionAsync("JSCODE", cancelled.Token));

        Assert.Empty(http.CallLog);
    }

    [Fact]
    public void Settings_ToString_HidesAppSecret()
    {
        var text = WeChatSettings().ToString();

        Assert.Contains(AppId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(AppSecret, text, StringComparison.Ordinal);
    }

    [Fact]
    public void StableTokenRequest_ToString_HidesSecret()
    {
        var request = new CgibinStableTokenRequest { AppId = AppId, Secret = AppSecret };

        Assert.DoesNotContain(AppSecret, request.ToString(), StringComparison.Ordinal);
    }
}
