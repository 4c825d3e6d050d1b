using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary>WeCom: app tokens and messages (PROTOCOL §5.3, §5.4) and the group robot's rate limit (§5.5).</summary>
public sealed class FakeApiWeComTests
{
    [Fact]
    public async Task Robot_21stMessageWithinAMinute_Is45009_OtherRobotsAndTheNextMinuteAreFine()
    {
        await using var api = await FakeApiClient.StartAsync();
        var text = new { msgtype = "text", text = new { content = "宿舍区今晚22:00停水" } };

        var codes = new List<int>();
        for (var i = 0; i < 21; i++)
        {
            codes.Add((await api.PostAsync("/cgi-bin/webhook/send?key=robot-a", text)).Errcode());
        }

        var otherRobot = (await api.PostAsync("/cgi-bin/webhook/send?key=robot-b", text)).Errcode();
        api.Clock.Advance(TimeSpan.FromMinutes(1));
        var nextMinute = (await api.PostAsync("/cgi-bin/webhook/send?key=robot-a", text)).Errcode();

        Assert.All(codes.Take(20), code => Assert.Equal(0, code));
        Assert.Equal(45009, codes[20]);
        // The platform's own refusal, not one injected on purpose (fault drills count only those).
        var refused = api.Host.State.Log.Snapshot().Single(c => c.ErrCode == 45009);
        Assert.DoesNotContain(CallRecorder.Injected, refused.ErrMsg, StringComparison.Ordinal);
        Assert.Equal(0, otherRobot);
        Assert.Equal(0, nextMinute);
    }

    [Fact]
    public async Task GetToken_ThenAppMessage_Succeeds_WithTheSameTokenUntilExpiry()
    {
        await using var api = await FakeApiClient.StartAsync();

        var first = await api.GetAsync("/cgi-bin/gettoken?corpid=ww1&corpsecret=s");
        var again = await api.GetAsync("/cgi-bin/gettoken?corpid=ww1&corpsecret=s");
        var token = first.GetProperty("access_token").GetString();
        var sent = await api.PostAsync($"/cgi-bin/message/send?access_token={token}",
            new { touser = "zhangsan", msgtype = "text", agentid = 1000002, text = new { content = "3号楼报修单已受理" } });

        Assert.Equal(0, first.Errcode());
        Assert.Equal(token, again.GetProperty("access_token").GetString());
        Assert.Equal(0, sent.Errcode());
        Assert.False(string.IsNullOrEmpty(sent.GetProperty("msgid").GetString()));
    }

    [Fact]
    public async Task AppMessage_WithAnOfficialAccountToken_Is40014()
    {
        await using var api = await FakeApiClient.StartAsync();
        var oaToken = await api.StableTokenAsync();

        var sent = await api.PostAsync($"/cgi-bin/message/send?access_token={oaToken}",
            new { touser = "zhangsan", msgtype = "text", agentid = 1000002, text = new { content = "x" } });

        Assert.Equal(40014, sent.Errcode());
    }

    [Fact]
    public async Task AppMessage_WithNoRecipient_Is81013()
    {
        await using var api = await FakeApiClient.StartAsync();
        var token = (await api.GetAsync("/cgi-bin/gettoken?corpid=ww1&corpsecret=s")).GetProperty("access_token").GetString();

        var sent = await api.PostAsync($"/cgi-bin/message/send?access_token={token}",
            new { msgtype = "text", agentid = 1000002, text = new { content = "x" } });

        Assert.Equal(81013, sent.Errcode());
    }
}
