using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary>The fake API's access tokens live and die like the real ones (PROTOCOL §4.1–§4.3).</summary>
public sealed class FakeApiTokenTests
{
    [Fact]
    public async Task StableToken_ThenCustomSendWithIt_Succeeds()
    {
        await using var api = await FakeApiClient.StartAsync();

        var token = await api.StableTokenAsync();
        var sent = await api.SendTextAsync(token);

        Assert.Equal(0, sent.Errcode());
        Assert.Equal("ok", sent.GetProperty("errmsg").GetString());
    }

    [Fact]
    public async Task StableToken_CalledAgain_ReturnsTheSameTokenFor7200Seconds()
    {
        await using var api = await FakeApiClient.StartAsync();

        var first = await api.PostAsync("/cgi-bin/stable_token", new { grant_type = "client_credential", appid = "wx1", secret = "s" });
        api.Clock.Advance(TimeSpan.FromMinutes(60));
        var second = await api.PostAsync("/cgi-bin/stable_token", new { grant_type = "client_credential", appid = "wx1", secret = "s" });

        Assert.Equal(7200, first.GetProperty("expires_in").GetInt32());
        Assert.Equal(first.GetProperty("access_token").GetString(), second.GetProperty("access_token").GetString());
        Assert.Equal(3600, second.GetProperty("expires_in").GetInt32());
    }

    [Theory]
    [InlineData("not-a-token", 40001)]
    [InlineData("", 41001)]
    public async Task CustomSend_WithoutAValidToken_IsRefused(string token, int errcode)
    {
        await using var api = await FakeApiClient.StartAsync();
        await api.StableTokenAsync();

        var sent = await api.SendTextAsync(token);

        Assert.Equal(errcode, sent.Errcode());
        Assert.Contains("rid: ", sent.GetProperty("errmsg").GetString());
    }

    [Fact]
    public async Task Token_AfterItsLifetime_IsExpired42001()
    {
        await using var api = await FakeApiClient.StartAsync();
        var token = await api.StableTokenAsync();

        api.Clock.Advance(TimeSpan.FromSeconds(7200));

        Assert.Equal(42001, (await api.SendTextAsync(token)).Errcode());
    }

    [Fact]
    public async Task StableToken_ForceRefresh_InvalidatesTheOldTokenAtOnce()
    {
        await using var api = await FakeApiClient.StartAsync();
        var old = await api.StableTokenAsync();

        var renewed = await api.StableTokenAsync(forceRefresh: true);

        Assert.NotEqual(old, renewed);
        Assert.Equal(40001, (await api.SendTextAsync(old)).Errcode());
        Assert.Equal(0, (await api.SendTextAsync(renewed)).Errcode());
    }

    [Fact]
    public async Task ClassicToken_FetchedAgain_OldOneWorksFiveMoreMinutesOnly()
    {
        await using var api = await FakeApiClient.StartAsync();
        const string path = "/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s";
        var old = (await api.GetAsync(path)).GetProperty("access_token").GetString()!;

        var renewed = (await api.GetAsync(path)).GetProperty("access_token").GetString()!;
        api.Clock.Advance(TimeSpan.FromMinutes(4));
        var duringOverlap = await api.SendTextAsync(old);
        api.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.NotEqual(old, renewed);
        Assert.Equal(0, duringOverlap.Errcode());
        Assert.Equal(42001, (await api.SendTextAsync(old)).Errcode());
        Assert.Equal(0, (await api.SendTextAsync(renewed)).Errcode());
    }

    [Fact]
    public async Task TokenCall_WithTheWrongSecret_WhenASecretIsSet_Is40125()
    {
        await using var api = await FakeApiClient.StartAsync(new FakeApiOptions { Secret = "the-secret" });

        var json = await api.PostAsync("/cgi-bin/stable_token", new { grant_type = "client_credential", appid = "wx1", secret = "guess" });

        Assert.Equal(40125, json.Errcode());
    }

    [Fact]
    public async Task TokenCalls_AreNeverFailedByInjection()
    {
        await using var api = await FakeApiClient.StartAsync(new FakeApiOptions { FailCodes = [40001], FailRate = 1 });

        var token = await api.StableTokenAsync();

        Assert.StartsWith("SIM_", token);
    }
}
