using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Wechat.Crypto;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>
/// Admission control at the webhook (issue 7, report storm): with every turn taken, a push gets the friendly busy reply
/// at once, encrypted like any reply, and leaves no trace — its resend is processed normally, once. Real Redis ledger;
/// one turn and no queue, and the probe dialog held open, so nothing depends on timing.
/// </summary>
public sealed class WebhookAdmissionTests
{
    private static readonly Dictionary<string, string?> OneTurn = new()
    {
        ["Webhook:MaxInFlight"] = "1",
        ["Webhook:QueueLimit"] = "0",
        ["WeChat:ReplyDeadlineMilliseconds"] = "4800",
    };

    [Fact]
    public async Task PushWhileTheOnlyTurnIsTaken_GetsTheBusyReply_AndItsResendIsProcessedOnce()
    {
        await using var host = new BotFactory(TestServers.RedisConnectionString(), OneTurn);
        var client = host.CreateClient();
        var push = new WeChatPush();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Probe.Hold = release.Task;
        var firstXml = WeChatPush.TextXml("o-admit-1-" + Guid.NewGuid().ToString("N"), "探针", NewMsgId());
        var first = client.SendAsync(push.Build(firstXml, PushMode.Safe));
        Assert.True(await host.Probe.Starts.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        var user = "o-admit-2-" + Guid.NewGuid().ToString("N");
        var second = WeChatPush.TextXml(user, "探针", NewMsgId());
        var refused = await client.SendAsync(push.Build(second, PushMode.Safe), TestContext.Current.CancellationToken);

        // Encrypted and signed like any reply (OpenReply checks MsgSignature), addressed to the sender.
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var busy = System.Xml.Linq.XElement.Parse(push.OpenReply(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Equal((user, ChatTexts.Crowded), ((string?)busy.Element("ToUserName"), (string?)busy.Element("Content")));
        Assert.Equal((1, 1), (host.Ledger.Claims, host.Probe.Runs));

        release.SetResult();
        Assert.Equal("探针第1次", await AnswerAsync(host, push, await first));

        // The same MsgId again: not claimed before, so it runs now, once; a further retry is answered from its outcome.
        host.Probe.Hold = null;
        var resent = await client.SendAsync(push.Build(second, PushMode.Safe), TestContext.Current.CancellationToken);
        Assert.Equal("探针第2次", WeChatPush.ReplyText(push.OpenReply(await resent.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))));
        var retried = await client.SendAsync(push.Build(second, PushMode.Safe), TestContext.Current.CancellationToken);
        Assert.Equal("探针第2次", WeChatPush.ReplyText(push.OpenReply(await retried.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))));
        Assert.Equal(2, host.Probe.Runs);
    }

    [Fact]
    public async Task RetryOfAnAnsweredMessage_WhileNoTurnIsFree_GetsTheFirstAnswer_NotTheBusyReply()
    {
        await using var host = new BotFactory(TestServers.RedisConnectionString(), OneTurn);
        var client = host.CreateClient();
        var push = new WeChatPush();
        var answered = WeChatPush.TextXml("o-admit-5-" + Guid.NewGuid().ToString("N"), "探针", NewMsgId());
        var firstAnswer = await client.SendAsync(push.Build(answered, PushMode.Safe), TestContext.Current.CancellationToken);
        Assert.Equal("探针第1次", await AnswerAsync(host, push, firstAnswer));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Probe.Hold = release.Task;
        var holder = client.SendAsync(push.Build(WeChatPush.TextXml("o-admit-6-" + Guid.NewGuid().ToString("N"), "探针", NewMsgId()), PushMode.Safe));
        Assert.True(await host.Probe.Starts.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(await host.Probe.Starts.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        // WeChat's retry of the answered message (its first answer lost on the way): read from the ledger, no turn needed.
        var retried = await client.SendAsync(push.Build(answered, PushMode.Safe), TestContext.Current.CancellationToken);

        Assert.Equal("探针第1次", WeChatPush.ReplyText(push.OpenReply(await retried.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))));
        Assert.Equal(2, host.Probe.Runs);
        release.SetResult();
        await holder;
    }

    [Fact]
    public async Task WeComPushWhileTheOnlyTurnIsTaken_GetsTheBusyReply_EncryptedForWeCom()
    {
        await using var host = new BotFactory(TestServers.RedisConnectionString(), OneTurn);
        var client = host.CreateClient();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Probe.Hold = release.Task;
        var holder = client.SendAsync(new WeChatPush().Build(WeChatPush.TextXml("o-admit-3-" + Guid.NewGuid().ToString("N"), "探针", NewMsgId()), PushMode.Safe));
        Assert.True(await host.Probe.Starts.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var wecom = new WeComPush();

        var refused = await client.SendAsync(wecom.Build(wecom.TextXml("zhang.san", "帮助", NewMsgId())), TestContext.Current.CancellationToken);

        var busy = System.Xml.Linq.XElement.Parse(wecom.OpenReply(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(("zhang.san", ChatTexts.Crowded), ((string?)busy.Element("ToUserName"), (string?)busy.Element("Content")));
        Assert.Equal(1, host.Ledger.Claims);
        release.SetResult();
        await holder;
    }

    [Fact]
    public async Task UrlVerification_IsAnsweredWhileTheOnlyTurnIsTaken()
    {
        await using var host = new BotFactory(TestServers.RedisConnectionString(), OneTurn);
        var client = host.CreateClient();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Probe.Hold = release.Task;
        var holder = client.SendAsync(new WeChatPush().Build(WeChatPush.TextXml("o-admit-4-" + Guid.NewGuid().ToString("N"), "探针", NewMsgId()), PushMode.Safe));
        Assert.True(await host.Probe.Starts.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var signature = WeChatSignature.Compute(DemoCredentials.Token, "1714036504", "1514711492");

        var echo = await client.GetStringAsync($"/wechat/callback?signature={signature}&timestamp=1714036504&nonce=1514711492&echostr=4375120948345356249", TestContext.Current.CancellationToken);

        Assert.Equal("4375120948345356249", echo);
        release.SetResult();
        await holder;
    }

    [Fact]
    public async Task BusyReplies_AreSummedUpInOneLogLinePerPeriod_NotOneLineEach()
    {
        var time = new FakeTimeProvider();
        var logs = new CapturingLoggerProvider();
        using var factory = new LoggerFactory([logs]);
        var admission = new WebhookAdmission(Options.Create(new WebhookAdmissionOptions { MaxInFlight = 1, QueueLimit = 0 }), time, factory.CreateLogger<WebhookAdmission>());
        using var turn = await admission.TryEnterAsync(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
        Assert.NotNull(turn);

        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await admission.TryEnterAsync(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken));
        }

        Assert.Empty(logs.Messages);
        time.Advance(WebhookAdmission.SummaryEvery);
        var line = Assert.Single(logs.Messages);
        Assert.Contains("5 messages answered with the busy reply in the last 10 s", line, StringComparison.Ordinal);
        Assert.Contains("5 no queue", line, StringComparison.Ordinal);

        // A quiet period logs nothing; what is left at shutdown is not lost.
        time.Advance(WebhookAdmission.SummaryEvery);
        Assert.Null(await admission.TryEnterAsync(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken));
        admission.Dispose();
        Assert.Equal(2, logs.Messages.Count);
        Assert.Contains("1 messages answered", logs.Messages.Last(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Webhook:MaxInFlight", "0")]
    [InlineData("Webhook:QueueLimit", "-1")]
    [InlineData("Webhook:MaxQueueWaitMilliseconds", "5000")]
    [InlineData("Webhook:ListenBacklog", "8")]
    public async Task BadSetting_StopsTheStart_NamingTheKey(string key, string value)
    {
        var error = await StartupValidation.StartFailureAsync(key, value);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListenBacklog_ReachesKestrelsSocketTransport()
    {
        await using var host = new BotFactory(null, new Dictionary<string, string?> { ["Webhook:ListenBacklog"] = "2048" });

        var sockets = host.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;

        Assert.Equal(2048, sockets.Backlog);
    }

    private static async Task<string> AnswerAsync(BotFactory host, WeChatPush push, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (body == "success")
        {
            // The machine was slow enough for the deadline to pass: the answer came by customer-service message.
            var (_, late) = await host.Deferred.FirstSent.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            return Assert.IsType<TextChatReply>(late).Content;
        }

        return WeChatPush.ReplyText(push.OpenReply(body));
    }

    private static long NewMsgId() => Random.Shared.NextInt64(1, long.MaxValue);
}
