using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using WechatLogistics.Bot.Tests.Support;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>
/// The edge limit on the callbacks (WeChat:CallbackRateLimit): a token bucket per client IP, 429 with Retry-After
/// over it, nothing processed for a refused push, other endpoints untouched, 0 = off.
/// </summary>
public sealed class CallbackRateLimitTests
{
    private readonly WeChatPush _oa = new();
    private readonly WeComPush _wecom = new();

    private static BotFactory HostWithLimit(int permitsPerSecond, int burst) => new(settings: new Dictionary<string, string?>
    {
        ["WeChat:CallbackRateLimit:PermitsPerSecond"] = permitsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WeChat:CallbackRateLimit:Burst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task OverTheLimit_BothCallbacks_Answer429WithRetryAfter_AndProcessNothing()
    {
        await using var host = HostWithLimit(permitsPerSecond: 1, burst: 3);
        var client = host.CreateClient();
        var responses = new List<HttpResponseMessage>();

        // 3 at once pass; the bucket refills 1 per second, so 20 quick pushes cannot all pass.
        for (var i = 0; i < 10; i++)
        {
            responses.Add(await client.SendAsync(_oa.Build(WeChatPush.TextXml("o-flood", "探针", 7_000 + i), PushMode.Safe)));
            responses.Add(await client.SendAsync(_wecom.Build(_wecom.TextXml("zhang.san", "帮助", 7_100 + i))));
        }

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.Contains(limited, r => r.RequestMessage!.RequestUri!.AbsolutePath == "/wecom/callback");
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in seconds"));
        Assert.All(responses.Except(limited), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var passed = responses.Count - limited.Count;
        Assert.Equal(passed, host.Ledger.Claims);

        // Only the callbacks are limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task PermitsPerSecondZero_TurnsTheLimitOff()
    {
        await using var host = HostWithLimit(permitsPerSecond: 0, burst: 1);
        var client = host.CreateClient();

        for (var i = 0; i < 30; i++)
        {
            var forged = WeChatPush.Raw("signature=0&timestamp=1&nonce=1", "<xml/>");

            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);
        }
    }

    [Fact]
    public async Task Limit_IsPerClientAddress()
    {
        await using var host = HostWithLimit(permitsPerSecond: 1, burst: 1);
        var flooder = new List<int>();

        for (var i = 0; i < 10; i++)
        {
            flooder.Add(await ForgedFromAsync(host.Server, "203.0.113.7"));
        }

        Assert.Contains(StatusCodes.Status429TooManyRequests, flooder);
        Assert.Equal(StatusCodes.Status401Unauthorized, await ForgedFromAsync(host.Server, "203.0.113.8"));
    }

    [Fact]
    public async Task RetryAfter429_OfAProcessedMessage_IsStillDeduplicated()
    {
        await using var host = HostWithLimit(permitsPerSecond: 1, burst: 1);
        var client = host.CreateClient();
        var xml = WeChatPush.TextXml("o-retry-429", "探针", 7_777);

        var first = await client.SendAsync(_oa.Build(xml, PushMode.Safe));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // WeChat retries the same message; the first retries meet the empty bucket, a later one gets through.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage retry;
        do
        {
            retry = await client.SendAsync(_oa.Build(xml, PushMode.Safe));
            statuses.Add(retry.StatusCode);
            if (retry.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }
        while (retry.StatusCode == HttpStatusCode.TooManyRequests && statuses.Count < 100);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(
            WeChatPush.ReplyText(_oa.OpenReply(await first.Content.ReadAsStringAsync())),
            WeChatPush.ReplyText(_oa.OpenReply(await retry.Content.ReadAsStringAsync())));
        Assert.Equal(1, host.Probe.Runs);
        Assert.Equal(2, host.Ledger.Claims);
        Assert.Equal(1, host.Logs.Count("Duplicate delivery answered"));
    }

    [Fact]
    public async Task BehindTheLoopbackProxy_TheLimit_IsPerForwardedClientAddress()
    {
        await using var host = HostWithLimit(permitsPerSecond: 1, burst: 1);
        var flooder = new List<int>();

        // nginx on the same host: every connection comes from 127.0.0.1, the client is in X-Forwarded-For.
        for (var i = 0; i < 10; i++)
        {
            flooder.Add(await ForgedFromAsync(host.Server, "127.0.0.1", forwardedFor: "203.0.113.7"));
        }

        Assert.Contains(StatusCodes.Status429TooManyRequests, flooder);
        Assert.Equal(StatusCodes.Status401Unauthorized, await ForgedFromAsync(host.Server, "127.0.0.1", forwardedFor: "203.0.113.8"));
    }

    [Fact]
    public async Task AnUntrustedSender_CannotChooseItsBucket_WithItsOwnForwardedHeader()
    {
        await using var host = HostWithLimit(permitsPerSecond: 1, burst: 1);
        var statuses = new List<int>();

        // Not a configured proxy: its X-Forwarded-For is ignored, so a new made-up address per request does not help.
        for (var i = 0; i < 10; i++)
        {
            statuses.Add(await ForgedFromAsync(host.Server, "198.51.100.20", forwardedFor: $"203.0.113.{100 + i}"));
        }

        Assert.Contains(StatusCodes.Status429TooManyRequests, statuses);
    }

    [Fact]
    public async Task AConfiguredProxy_IsTrusted()
    {
        await using var host = new BotFactory(settings: new Dictionary<string, string?>
        {
            ["WeChat:CallbackRateLimit:PermitsPerSecond"] = "1",
            ["WeChat:CallbackRateLimit:Burst"] = "1",
            ["ReverseProxy:KnownNetworks:0"] = "10.1.2.0/24",
        });
        var statuses = new List<int>();

        for (var i = 0; i < 10; i++)
        {
            statuses.Add(await ForgedFromAsync(host.Server, "10.1.2.3", forwardedFor: $"203.0.113.{100 + i}"));
        }

        // Ten different clients behind the proxy, one request each: none is limited.
        Assert.All(statuses, s => Assert.Equal(StatusCodes.Status401Unauthorized, s));
    }

    private static async Task<int> ForgedFromAsync(TestServer server, string address, string? forwardedFor = null)
    {
        var context = await server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(address);
            if (forwardedFor is not null)
            {
                c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }

            c.Request.Method = HttpMethods.Post;
            c.Request.Path = "/wechat/callback";
            c.Request.QueryString = new QueryString("?signature=0&timestamp=1&nonce=1");
        });
        return context.Response.StatusCode;
    }
}
