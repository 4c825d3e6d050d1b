using System.Text.Json.Nodes;
using Flurl.Http.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Tests.Support;

namespace WechatLogistics.Bot.Tests.WeChat.Outbound;

public sealed class DeferredReplyTests
{
    [Fact]
    public async Task SlowAnswer_IsSentAsCustomerServiceTextToTheSender()
    {
        using var http = new HttpTest();
        http.ForCallsTo("*/cgi-bin/stable_token").RespondWith("""{"access_token":"TOKEN-deferred-9z8y","expires_in":7200}""");
        http.ForCallsTo("*/cgi-bin/message/custom/send").RespondWith("""{"errcode":0,"errmsg":"ok"}""");
        await using var factory = new BotFactory(settings: new Dictionary<string, string?>
        {
            ["WeChat:ReplyDeadlineMilliseconds"] = "300", ["Outbox:PollInterval"] = "00:00:00.050",
        })
        {
            RecordDeferredReplies = false,
        };
        // Flurl's HttpTest lives in the async context: let it flow from this test into the in-memory server's requests.
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(
            s => s.Configure<TestServerOptions>(o => o.PreserveExecutionContext = true)));
        factory.Probe.Delay = TimeSpan.FromMilliseconds(800);
        var user = "o-deferred-" + Guid.NewGuid().ToString("N");
        var push = new WeChatPush();

        var response = await host.CreateClient().SendAsync(
            push.Build(WeChatPush.TextXml(user, "探针", Random.Shared.NextInt64(1, long.MaxValue)), PushMode.Safe));

        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        await WaitForLogAsync(factory.Logs, "queued for a customer-service message");
        await WaitForCallAsync(http, "/cgi-bin/message/custom/send");
        var sent = Assert.Single(http.CallLog, c => c.Request.Url.Path.EndsWith("/cgi-bin/message/custom/send", StringComparison.Ordinal));
        Assert.StartsWith("http://127.0.0.1:5090/cgi-bin/message/custom/send?", sent.Request.Url.ToString());
        Assert.Equal("TOKEN-deferred-9z8y", sent.Request.Url.QueryParams.FirstOrDefault("access_token"));
        var body = JsonNode.Parse(sent.RequestBody!)!;
        Assert.Equal(user, (string?)body["touser"]);
        Assert.Equal("text", (string?)body["msgtype"]);
        Assert.Equal("探针第1次", (string?)body["text"]?["content"]);
        Assert.DoesNotContain(factory.Logs.Messages, m => m.Contains("TOKEN-deferred-9z8y", StringComparison.Ordinal) || m.Contains(user, StringComparison.Ordinal));
    }

    private static async Task WaitForCallAsync(HttpTest http, string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!http.CallLog.ToList().Any(c => c.Request.Url.Path.EndsWith(path, StringComparison.Ordinal) && c.Completed))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    private static async Task WaitForLogAsync(CapturingLoggerProvider logs, string fragment)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (logs.Count(fragment) == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }
}
