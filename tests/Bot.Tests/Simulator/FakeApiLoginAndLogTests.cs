using System.Net.Http.Json;
using System.Text.Json;
using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary>Mini-program login codes, media download, and the call log that tests and scripts read.</summary>
public sealed class FakeApiLoginAndLogTests
{
    private const string Login = "/sns/jscode2session?appid=wxmini&secret=s&grant_type=authorization_code&js_code=";

    [Fact]
    public async Task ValidCode_GivesTheOpenIdDerivedFromIt_Once()
    {
        await using var api = await FakeApiClient.StartAsync();

        var session = await api.GetAsync(Login + "valid-alice");
        var sameUserAgain = await api.GetAsync(Login + "valid-alice-2");
        var reused = await api.GetAsync(Login + "valid-alice");

        Assert.Equal("o-alice", session.GetProperty("openid").GetString());
        Assert.Equal("u-alice", session.GetProperty("unionid").GetString());
        Assert.Equal(16, Convert.FromBase64String(session.GetProperty("session_key").GetString()!).Length);
        Assert.Equal("o-alice", sameUserAgain.GetProperty("openid").GetString());
        Assert.Equal(40163, reused.Errcode());
    }

    [Theory]
    [InlineData("used-abc", 40163)]
    [InlineData("0a1b2c3d", 40029)]
    [InlineData("valid-", 40029)]
    public async Task OtherCodes_AreRefused(string code, int errcode)
    {
        await using var api = await FakeApiClient.StartAsync();

        Assert.Equal(errcode, (await api.GetAsync(Login + code)).Errcode());
    }

    [Fact]
    public async Task MoreThanAHundredLoginsOfOneUserInAMinute_Give45011()
    {
        await using var api = await FakeApiClient.StartAsync();

        for (var i = 0; i < LoginCodes.PerUserPerMinute; i++)
        {
            Assert.Equal("o-he", (await api.GetAsync(Login + $"valid-he-{i}")).GetProperty("openid").GetString());
        }

        Assert.Equal(45011, (await api.GetAsync(Login + "valid-he-last")).Errcode());
        Assert.Equal("o-li", (await api.GetAsync(Login + "valid-li")).GetProperty("openid").GetString());
    }

    [Fact]
    public async Task WithoutUnionIds_LoginAndUserInfoLeaveTheFieldOut()
    {
        await using var api = await FakeApiClient.StartAsync(new FakeApiOptions { UnionIds = false });
        var token = await api.StableTokenAsync();

        var session = await api.GetAsync(Login + "valid-alice");
        var info = await api.GetAsync($"/cgi-bin/user/info?access_token={token}&openid=oa-alice&lang=zh_CN");

        Assert.False(session.TryGetProperty("unionid", out _));
        Assert.Equal("oa-alice", info.GetProperty("openid").GetString());
        Assert.False(info.TryGetProperty("unionid", out _));
    }

    [Fact]
    public async Task UserInfo_GivesTheOfficialAccountUserTheSameUnionIdAsTheirMiniProgramLogin()
    {
        await using var api = await FakeApiClient.StartAsync();
        var token = await api.StableTokenAsync();

        var info = await api.GetAsync($"/cgi-bin/user/info?access_token={token}&openid=oa-alice&lang=zh_CN");
        var stranger = await api.GetAsync($"/cgi-bin/user/info?access_token={token}&openid=o6_bmjrPTlm6_2sgVt7hMZOPfL2M&lang=zh_CN");
        var noToken = await api.GetAsync("/cgi-bin/user/info?openid=oa-alice");

        Assert.Equal("u-alice", info.GetProperty("unionid").GetString());
        Assert.Equal(1, info.GetProperty("subscribe").GetInt32());
        Assert.False(stranger.TryGetProperty("unionid", out _));
        Assert.Equal(41001, noToken.Errcode());
    }

    [Fact]
    public async Task MediaGet_ReturnsAPngAttachment()
    {
        await using var api = await FakeApiClient.StartAsync();
        var token = await api.StableTokenAsync();

        using var response = await api.Http.GetAsync($"/cgi-bin/media/get?access_token={token}&media_id=photo1");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }

    [Fact]
    public async Task Log_ListsEveryCallWithItsOutcome_SecretsMasked_AndDeleteClearsIt()
    {
        var output = new StringWriter();
        await using var host = await FakeApiHost.StartAsync(new FakeApiOptions { Port = 0, FailCodes = [45009] }, output);
        using var http = host.CreateClient();
        var token = (await (await http.PostAsJsonAsync("/cgi-bin/stable_token",
            new { grant_type = "client_credential", appid = "wx1", secret = "top-secret" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        await http.PostAsJsonAsync($"/cgi-bin/message/custom/send?access_token={token}",
            new { touser = "o-student", msgtype = "text", text = new { content = "您的报修单 #123 已派单" } });

        var log = await http.GetFromJsonAsync<JsonElement>("/_sim/log");
        await http.DeleteAsync("/_sim/log");
        var cleared = await http.GetFromJsonAsync<JsonElement>("/_sim/log");

        Assert.Equal(2, log.GetArrayLength());
        Assert.Equal("/cgi-bin/stable_token", log[0].GetProperty("path").GetString());
        Assert.DoesNotContain("top-secret", log[0].GetProperty("body").GetString());
        var send = log[1];
        Assert.Equal("o-student", send.GetProperty("toUser").GetString());
        Assert.Equal("text", send.GetProperty("msgType").GetString());
        Assert.Equal("您的报修单 #123 已派单", send.GetProperty("content").GetString());
        Assert.Equal(45009, send.GetProperty("errCode").GetInt32());
        Assert.Equal(0, cleared.GetArrayLength());
        Assert.Contains("touser=o-student msgtype=text \"您的报修单 #123 已派单\" → 45009", output.ToString());
        Assert.DoesNotContain("top-secret", output.ToString());
    }
}
