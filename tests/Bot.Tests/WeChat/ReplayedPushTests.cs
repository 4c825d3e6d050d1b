using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WechatLogistics.Bot.Tests.Support;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>
/// A push captured off the wire and replayed later (issue 7). Inside the tolerance the replay is a retry and is
/// deduplicated; once the timestamp is older than WeChat:TimestampToleranceSeconds (here also past the dedupe window,
/// so the ledger no longer remembers it) the replay is refused with 401 and processes nothing. Pushes signed with an
/// old timestamp from the start are covered by the StaleTimestamp tests of CallbackSecurityTests and WeComCallbackTests.
/// </summary>
public sealed class ReplayedPushTests
{
    [Theory]
    [InlineData("/wechat/callback")]
    [InlineData("/wecom/callback")]
    public async Task CapturedPush_ReplayedAfterTheTolerance_Rejected401_AndProcessesNothing(string path)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new BotFactory();
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var ledger = host.Services.GetRequiredService<CountingLedger>();
        var client = host.CreateClient();
        var captured = Capture(path);

        var original = await client.SendAsync(await CopyAsync(captured));
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        var claims = ledger.Claims;

        // Past the 300 s tolerance whatever second the push was signed in.
        clock.Advance(TimeSpan.FromSeconds(305));
        var replay = await client.SendAsync(await CopyAsync(captured));

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("StaleTimestamp", await replay.Content.ReadAsStringAsync());
        Assert.Equal(claims, ledger.Claims);
        if (path.StartsWith("/wechat", StringComparison.Ordinal))
        {
            Assert.Equal(1, factory.Probe.Runs);
        }
    }

    private static HttpRequestMessage Capture(string path)
    {
        if (path.StartsWith("/wechat", StringComparison.Ordinal))
        {
            return new WeChatPush().Build(WeChatPush.TextXml("o-replay", "探针", 8_801), PushMode.Safe);
        }

        var wecom = new WeComPush();
        return wecom.Build(wecom.TextXml("zhang.san", "帮助", 8_802));
    }

    /// <summary>The same bytes again: what an attacker who captured the request would send.</summary>
    private static async Task<HttpRequestMessage> CopyAsync(HttpRequestMessage captured) =>
        new(captured.Method, captured.RequestUri)
        {
            Content = new ByteArrayContent(await captured.Content!.ReadAsByteArrayAsync()) { Headers = { ContentType = captured.Content.Headers.ContentType } },
        };
}
