using System.Net.Http.Json;
using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary>Customer-service, template and subscribe messages, and the failures the fake injects.</summary>
public sealed class FakeApiMessageTests
{
    [Fact]
    public async Task FailOnce45009_FirstSendFails_NextSucceeds()
    {
        await using var api = await FakeApiClient.StartAsync(new FakeApiOptions { FailCodes = [45009] });
        var token = await api.StableTokenAsync();

        var first = await api.SendTextAsync(token);
        var second = await api.SendTextAsync(token);

        Assert.Equal(45009, first.Errcode());
        Assert.Equal(0, second.Errcode());
    }

    [Fact]
    public async Task FailCodes_AreUsedOneCallEach_InOrder()
    {
        await using var api = await FakeApiClient.StartAsync(new FakeApiOptions { FailCodes = [40001, 45009] });
        var token = await api.StableTokenAsync();

        int[] codes = [(await api.SendTextAsync(token)).Errcode(), (await api.SendTextAsync(token)).Errcode(), (await api.SendTextAsync(token)).Errcode()];

        Assert.Equal([40001, 45009, 0], codes);
    }

    [Fact]
    public async Task GatewayAndHangFaults_FailOneCallEach_AndAreRecorded()
    {
        await using var api = await FakeApiClient.StartAsync(new FakeApiOptions { FailCodes = [Fault.Http(503), Fault.Hung] });
        var token = await api.StableTokenAsync();
        var send = $"/cgi-bin/message/custom/send?access_token={token}";
        var body = new { touser = "o-student", msgtype = "text", text = new { content = "探针" } };

        using var gateway = await api.Http.PostAsJsonAsync(send, body);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, gateway.StatusCode);
        Assert.DoesNotContain("errcode", await gateway.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The hang never answers: the client's own timeout ends it.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => api.Http.PostAsJsonAsync(send, body, timeout.Token));
        }

        Assert.Equal(0, (await api.SendTextAsync(token)).Errcode());
        // In any order: the dropped call is recorded only when the server notices the client left.
        var sends = await WaitForSendsAsync(api, 3);
        Assert.Equal([CallRecorder.NoAnswer, 0, 503], sends.Select(c => c.ErrCode).Order());
        // Each failure made on purpose says so in the log; the call let through does not.
        Assert.All(sends, c => Assert.Equal(c.ErrCode != 0, c.ErrMsg.Contains(CallRecorder.Injected, StringComparison.Ordinal)));
    }

    [Fact]
    public void FaultList_Parses_ErrcodesStatusesAndHangs_AndRefusesAnythingElse()
    {
        Assert.Equal([45009, Fault.Http(502), Fault.Hung, -1], FailCodes.TryParse("45009, http502,HANG,-1"));
        Assert.Null(FailCodes.TryParse("http404"));
        Assert.Null(FailCodes.TryParse("45009,slow"));
        Assert.Null(FailCodes.TryParse(""));
    }

    [Fact]
    public async Task FailRate1_EveryBusinessCallFailsWithSystemError()
    {
        await using var api = await FakeApiClient.StartAsync(new FakeApiOptions { FailRate = 1 });
        var token = await api.StableTokenAsync();

        Assert.Equal(-1, (await api.SendTextAsync(token)).Errcode());
    }

    [Fact]
    public async Task StrictWindow_OnlyAfterTheUserWroteIn_FiveMessages_For48Hours()
    {
        await using var api = await FakeApiClient.StartAsync(new FakeApiOptions { StrictWindow = true });
        var token = await api.StableTokenAsync();

        var beforeWritingIn = (await api.SendTextAsync(token)).Errcode();
        await api.Http.PostAsync("/_sim/interaction?openid=o-student", null);
        var quota = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            quota.Add((await api.SendTextAsync(token)).Errcode());
        }

        await api.Http.PostAsync("/_sim/interaction?openid=o-student", null);
        api.Clock.Advance(TimeSpan.FromHours(49));
        var afterWindow = (await api.SendTextAsync(await api.StableTokenAsync())).Errcode();

        Assert.Equal(45015, beforeWritingIn);
        Assert.Equal([0, 0, 0, 0, 0, 45047], quota);
        Assert.Equal(45015, afterWindow);
    }

    [Fact]
    public async Task StrictConsent_EachAcceptanceAllowsOneSubscribeMessage()
    {
        await using var api = await FakeApiClient.StartAsync(new FakeApiOptions { StrictConsent = true });
        var token = await api.StableTokenAsync();
        var message = new { touser = "o-student", template_id = "TPL_REPAIR", data = new { thing2 = new { value = "维修水龙头" } } };
        var path = $"/cgi-bin/message/subscribe/send?access_token={token}";

        var withoutConsent = (await api.PostAsync(path, message)).Errcode();
        await api.Http.PostAsync("/_sim/consent?openid=o-student&template_id=TPL_REPAIR", null);
        var withConsent = await api.PostAsync(path, message);
        var consentUsedUp = (await api.PostAsync(path, message)).Errcode();

        Assert.Equal(43101, withoutConsent);
        Assert.Equal(0, withConsent.Errcode());
        Assert.True(withConsent.GetProperty("msgid").GetInt64() > 0);
        Assert.Equal(43101, consentUsedUp);
    }

    [Fact]
    public async Task SubscribeSend_WithoutStrictConsent_AnyUserAccepts()
    {
        await using var api = await FakeApiClient.StartAsync();
        var token = await api.StableTokenAsync();

        var sent = await api.PostAsync($"/cgi-bin/message/subscribe/send?access_token={token}",
            new { touser = "o-student", template_id = "TPL", data = new { } });

        Assert.Equal(0, sent.Errcode());
    }

    [Theory]
    [InlineData("{\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}", 40003)]
    [InlineData("{\"touser\":\"o-1\",\"msgtype\":\"sticker\"}", 40008)]
    [InlineData("{\"touser\":\"o-1\",\"msgtype\":\"text\",\"text\":{\"content\":\"\"}}", 44004)]
    [InlineData("not json", 47001)]
    public async Task CustomSend_InvalidMessage_IsRefusedWithTheRealErrcode(string body, int errcode)
    {
        await using var api = await FakeApiClient.StartAsync();
        var token = await api.StableTokenAsync();

        using var response = await api.Http.PostAsync($"/cgi-bin/message/custom/send?access_token={token}", new StringContent(body));
        var json = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);

        Assert.Equal(errcode, json.Errcode());
    }

    [Fact]
    public async Task TemplateSend_ReturnsAMsgId_AndNeedsATemplateId()
    {
        await using var api = await FakeApiClient.StartAsync();
        var token = await api.StableTokenAsync();
        var path = $"/cgi-bin/message/template/send?access_token={token}";

        var sent = await api.PostAsync(path, new { touser = "o-1", template_id = "T1", data = new { thing1 = new { value = "宿舍水管漏水" } } });
        var noTemplate = await api.PostAsync(path, new { touser = "o-1", data = new { } });

        Assert.True(sent.GetProperty("msgid").GetInt64() > 0);
        Assert.Equal(40037, noTemplate.Errcode());
    }

    private static async Task<IReadOnlyList<FakeApiCall>> WaitForSendsAsync(FakeApiClient api, int count)
    {
        // The dropped call is recorded when the server notices the client went away, a moment after the client gave up.
        for (var i = 0; i < 100; i++)
        {
            var sends = api.Host.State.Log.Snapshot().Where(c => c.Path == "/cgi-bin/message/custom/send").ToList();
            if (sends.Count >= count)
            {
                return sends;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"fewer than {count} sends were recorded");
    }
}
