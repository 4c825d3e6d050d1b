using Flurl.Http.Testing;
using Microsoft.Extensions.Time.Testing;
using WechatLogistics.Wechat.Api;
using WechatLogistics.Wechat.Api.WeChat;
using WechatLogistics.Wechat.Tests.Api.Support;
using static WechatLogistics.Wechat.Tests.Api.Support.ApiTestData;

namespace WechatLogistics.Wechat.Tests.Api;

public sealed class ApiErrorHandlingTests
{
    private const string SendPath = "/cgi-bin/message/custom/send";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CgibinMessageCustomSendRequest Text => CgibinMessageCustomSendRequest.ForText("OPENID", "hi");

    private static FilteredHttpTestSetup Sends(HttpTest http) => http.ForCallsTo("*" + SendPath + "*");

    private static int SendsWith(HttpTest http, string token) =>
        http.CallLog.Count(c => c.Request.Url.Path.EndsWith(SendPath, StringComparison.Ordinal)
            && c.Request.Url.QueryParams.FirstOrDefault("access_token") as string == token);

    [Fact]
    public async Task ErrorCode_ThrowsApiExceptionWithCodeMessageAndPath()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        Sends(http).RespondWith(Error(WeChatErrorCodes.InvalidOpenId, "invalid openid"));

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => WeChatClient().SendCustomMessageAsync(Text, Ct));

        Assert.Equal(40003, ex.ErrorCode);
        Assert.Equal("invalid openid rid: 6630-1a2b", ex.ErrorMessage);
        Assert.Equal(SendPath, ex.ApiPath);
        Assert.Equal(1, http.CountCalls(SendPath));
    }

    [Theory]
    [InlineData(WeChatErrorCodes.InvalidCredential)]
    [InlineData(WeChatErrorCodes.InvalidAccessToken)]
    [InlineData(WeChatErrorCodes.AccessTokenExpired)]
    public async Task TokenRejectedOnce_InvalidatesThatToken_RefreshesAndRetriesOnce(int code)
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1, Token2);
        Sends(http).RespondWith(Error(code)).RespondWith(Ok());
        var store = new SpyTokenStore();

        var response = await WeChatClient(store).SendCustomMessageAsync(Text, Ct);

        Assert.True(response.IsSuccessful);
        Assert.Equal(2, http.CountCalls("/cgi-bin/stable_token"));
        Assert.Equal(1, SendsWith(http, Token1));
        Assert.Equal(1, SendsWith(http, Token2));
        Assert.Equal([(Token1, true)], store.Invalidations);
        Assert.Equal(Token2, (await store.GetAsync(AppId, Ct))?.AccessToken);
    }

    [Fact]
    public async Task TokenRejectedTwice_ThrowsAfterExactlyOneRetry()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1, Token2);
        Sends(http).RespondWith(Error(WeChatErrorCodes.InvalidCredential));
        var store = new SpyTokenStore();

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => WeChatClient(store).SendCustomMessageAsync(Text, Ct));

        Assert.Equal(40001, ex.ErrorCode);
        Assert.Equal(2, http.CountCalls(SendPath));
        Assert.Equal(2, http.CountCalls("/cgi-bin/stable_token"));
        Assert.Equal([(Token1, true), (Token2, true)], store.Invalidations);
    }

    [Fact]
    public async Task TokenEndpointRejectsTheSecret_ThrowsWithoutRefreshLoopOrSend()
    {
        using var http = new HttpTest();
        http.ForCallsTo("*/cgi-bin/stable_token").RespondWith(Error(WeChatErrorCodes.InvalidCredential, "invalid credential"));

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => WeChatClient().SendCustomMessageAsync(Text, Ct));

        Assert.Equal(40001, ex.ErrorCode);
        Assert.Equal("/cgi-bin/stable_token", ex.ApiPath);
        Assert.Equal(1, http.CountCalls("/cgi-bin/stable_token"));
        Assert.Equal(0, http.CountCalls(SendPath));
    }

    [Fact]
    public async Task SystemBusy_IsRetriedThenSucceeds()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        Sends(http).RespondWith(Error(WeChatErrorCodes.SystemBusy, "system error")).RespondWith(Error(-1, "system error")).RespondWith(Ok());

        var response = await WeChatClient().SendCustomMessageAsync(Text, Ct);

        Assert.True(response.IsSuccessful);
        Assert.Equal(3, http.CountCalls(SendPath));
    }

    [Fact]
    public async Task Http500_IsRetriedThenSucceeds()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        Sends(http).RespondWith("<html>502 Bad Gateway</html>", 500).RespondWith(Ok());

        var response = await WeChatClient().SendCustomMessageAsync(Text, Ct);

        Assert.True(response.IsSuccessful);
        Assert.Equal(2, http.CountCalls(SendPath));
    }

    [Fact]
    public async Task Timeout_IsRetriedThenSucceeds()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        Sends(http).SimulateTimeout().RespondWith(Ok());

        var response = await WeChatClient().SendCustomMessageAsync(Text, Ct);

        Assert.True(response.IsSuccessful);
        Assert.Equal(2, http.CountCalls(SendPath));
    }

    [Fact]
    public async Task Timeout_OnEveryAttempt_ThrowsTransportExceptionAfterThreeAttempts()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        Sends(http).SimulateTimeout();

        var ex = await Assert.ThrowsAsync<WeChatTransportException>(() => WeChatClient().SendCustomMessageAsync(Text, Ct));

        Assert.True(ex.IsTransient);
        Assert.Null(ex.HttpStatusCode);
        Assert.Equal(SendPath, ex.ApiPath);
        Assert.Equal(3, http.CountCalls(SendPath));
    }

    [Fact]
    public async Task NonJsonBody_ThrowsTransportExceptionWithoutRetry()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        Sends(http).RespondWith("<html>captive portal</html>");

        var ex = await Assert.ThrowsAsync<WeChatTransportException>(() => WeChatClient().SendCustomMessageAsync(Text, Ct));

        Assert.False(ex.IsTransient);
        Assert.Equal(1, http.CountCalls(SendPath));
    }

    [Theory]
    [InlineData(WeChatErrorCodes.DailyQuotaReached)]
    [InlineData(WeChatErrorCodes.ResponseWindowClosed)]
    [InlineData(WeChatErrorCodes.ResponseCountLimit)]
    [InlineData(WeChatErrorCodes.UserRefusedMessage)]
    [InlineData(WeChatErrorCodes.MinuteQuotaReached)]
    public async Task QuotaWindowOrRateLimit_ThrownImmediatelyAfterOneCall(int code)
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        Sends(http).RespondWith(Error(code)).RespondWith(Ok());

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => WeChatClient().SendCustomMessageAsync(Text, Ct));

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(1, http.CountCalls(SendPath));
        Assert.Equal(1, http.CountCalls("/cgi-bin/stable_token"));
    }

    [Fact]
    public async Task TransientRetry_WaitsForBackoffBeforeTheNextAttempt()
    {
        using var http = new HttpTest();
        http.RespondWithStableTokens(Token1);
        Sends(http).RespondWith(Error(-1)).RespondWith(Ok());
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var settings = WeChatSettings() with { RetryBaseDelay = TimeSpan.FromSeconds(1) };
        var sending = WeChatClient(time: time, settings: settings).SendCustomMessageAsync(Text, Ct);

        await WaitUntilAsync(() => http.CountCalls(SendPath) == 1);
        time.Advance(TimeSpan.FromMilliseconds(499)); // the first backoff is 500–1000 ms
        await Task.Delay(50, Ct);
        Assert.Equal(1, http.CountCalls(SendPath));

        for (var i = 0; i < 1000 && !sending.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5, Ct);
        }

        Assert.True((await sending).IsSuccessful);
        Assert.Equal(2, http.CountCalls(SendPath));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.True(condition());
    }
}
