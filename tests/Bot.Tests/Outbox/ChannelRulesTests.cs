using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Notifications;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Outbox;

/// <summary>
/// Which channel a notice takes, decided when it is sent: customer service inside the 48-hour window, else a subscribe
/// notification while the student has an acceptance left, else the in-app inbox. The fake API enforces the window and
/// the consent credits, so a wrong choice shows up as an error there.
/// </summary>
public sealed class ChannelRulesTests
{
    private const string Template = "TPL-repair-progress";
    private const string CustomSend = "/cgi-bin/message/custom/send";
    private const string BizSend = "/cgi-bin/message/subscribe/bizsend";

    private static readonly Dictionary<string, string?> WithTemplate = new() { ["Notifications:SubscribeTemplateId"] = Template };

    [Fact]
    public async Task WindowOpen_GoesByCustomerService()
    {
        await using var bed = await Strict();
        var host = bed.StartHost(WithTemplate);
        var user = bed.User(1);
        await bed.OpenWindowsAsync(host, [user]);

        await OutboxTestBed.EnqueueAsync(host, Notice(user, "n1"));
        var row = Assert.Single(await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 1));

        Assert.Equal((OutboxStatus.Sent, OutboxChannel.CustomerService), (row.Status, row.Channel));
        Assert.Equal(1, bed.Delivered(CustomSend).GetValueOrDefault(user));
        Assert.DoesNotContain(bed.Fake.State.Log.Snapshot(), c => c.Path == BizSend);
    }

    [Fact]
    public async Task WindowClosed_WithConsent_GoesBySubscribeNotification_AndUsesTheCredit()
    {
        await using var bed = await Strict();
        var host = bed.StartHost(WithTemplate);
        var user = bed.User(2);
        await AcceptPopupAsync(bed, host, user);

        await OutboxTestBed.EnqueueAsync(host, Notice(user, "n1"));
        var first = Assert.Single(await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 1));
        await OutboxTestBed.EnqueueAsync(host, Notice(user, "n2"));
        var rows = await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 2);

        Assert.Equal((OutboxStatus.Sent, OutboxChannel.Subscribe), (first.Status, first.Channel));
        Assert.Equal(1, bed.Delivered(BizSend).GetValueOrDefault(user));
        Assert.DoesNotContain(bed.Fake.State.Log.Snapshot(), c => c.Path == CustomSend);
        // The one acceptance is used up: the second notice goes to the inbox.
        Assert.Equal(OutboxChannel.InApp, rows.Single(r => r.Id != first.Id).Channel);
        await using var db = bed.Database.CreateContext();
        Assert.Equal(0, (await db.SubscribeConsents.SingleAsync(c => c.OpenId == user)).Credits);
    }

    [Fact]
    public async Task WindowClosed_NoConsent_GoesToTheInbox_WithoutCallingWeChat()
    {
        await using var bed = await Strict();
        var host = bed.StartHost(WithTemplate);
        var user = bed.User(3);

        await OutboxTestBed.EnqueueAsync(host, Notice(user, "n1"));
        var row = Assert.Single(await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 1));

        Assert.Equal((OutboxStatus.Sent, OutboxChannel.InApp), (row.Status, row.Channel));
        Assert.DoesNotContain(bed.Fake.State.Log.Snapshot(), c => c.Path is CustomSend or BizSend);
        await using var db = bed.Database.CreateContext();
        var inbox = await db.InboxMessages.SingleAsync(m => m.OpenId == user);
        Assert.Equal(("报修进度", "您的报修单 R20251128-0001 已派单。"), (inbox.Title, inbox.Body));
        Assert.Equal(row.Id, inbox.Id);
    }

    [Fact]
    public async Task WindowClosedAtSend_45015_FallsBackToTheNextChannel()
    {
        await using var bed = await Strict();
        var host = bed.StartHost(WithTemplate);
        var user = bed.User(4);
        // The bot believes the window is open (it recorded a message), but WeChat has closed it: 45015 at send time.
        await host.Services.GetRequiredService<Bot.WeChat.IContactWindow>().RecordAsync(bed.AppId, user, CancellationToken.None);

        await OutboxTestBed.EnqueueAsync(host, Notice(user, "n1"));
        var row = Assert.Single(await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 1));

        Assert.Equal((OutboxStatus.Sent, OutboxChannel.InApp), (row.Status, row.Channel));
        var refused = Assert.Single(bed.Fake.State.Log.Snapshot(), c => c.Path == CustomSend);
        Assert.Equal(45015, refused.ErrCode);
    }

    [Fact]
    public async Task ConsentRecordedButWeChatHasNone_43101_CorrectsTheLedgerAndFallsBack()
    {
        await using var bed = await Strict();
        var host = bed.StartHost(WithTemplate);
        var user = bed.User(5);
        // The popup answer reached the bot, but the fake API never saw the acceptance.
        await PostPopupAsync(bed, host, user, "accept");

        await OutboxTestBed.EnqueueAsync(host, Notice(user, "n1"));
        var row = Assert.Single(await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 1));

        Assert.Equal(OutboxChannel.InApp, row.Channel);
        Assert.Equal(43101, Assert.Single(bed.Fake.State.Log.Snapshot(), c => c.Path == BizSend).ErrCode);
        await using var db = bed.Database.CreateContext();
        Assert.Equal(0, (await db.SubscribeConsents.SingleAsync(c => c.OpenId == user)).Credits);
    }

    [Fact]
    public async Task SameKeyEnqueuedTwice_IsStoredAndSentOnce()
    {
        await using var bed = await Strict();
        var host = bed.StartHost();
        var user = bed.User(6);
        await bed.OpenWindowsAsync(host, [user]);

        await OutboxTestBed.EnqueueAsync(host, Notice(user, "same"), Notice(user, "same"));
        await OutboxTestBed.EnqueueAsync(host, Notice(user, "same"));
        await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 1);
        await Task.Delay(300);

        Assert.Single(await bed.RowsAsync());
        Assert.Single(bed.Fake.State.Log.Snapshot(), c => c.Path == CustomSend);
    }

    [Fact]
    public async Task RejectInPopup_TakesTheAcceptancesBack()
    {
        await using var bed = await Strict();
        var host = bed.StartHost(WithTemplate);
        var user = bed.User(7);
        await PostPopupAsync(bed, host, user, "accept");
        await PostPopupAsync(bed, host, user, "accept");
        await using (var db = bed.Database.CreateContext())
        {
            Assert.Equal(2, (await db.SubscribeConsents.SingleAsync(c => c.OpenId == user)).Credits);
        }

        await PostPopupAsync(bed, host, user, "reject");

        await using var after = bed.Database.CreateContext();
        Assert.Equal(0, (await after.SubscribeConsents.SingleAsync(c => c.OpenId == user)).Credits);
    }

    private static Task<OutboxTestBed> Strict() =>
        OutboxTestBed.CreateAsync(fake: new FakeApiOptions { StrictWindow = true, StrictConsent = true });

    private static OutboxItem Notice(string user, string key) => OutboxItem.Notice(user, key, new OutboxContent
    {
        Title = "报修进度",
        Text = "您的报修单 R20251128-0001 已派单。",
        TemplateId = Template,
        TemplateData = new Dictionary<string, string> { ["character_string1"] = "R20251128-0001", ["phrase2"] = "已派单" },
    });

    /// <summary>The student accepts the popup: WeChat grants a credit, and pushes the event to the bot.</summary>
    private static async Task AcceptPopupAsync(OutboxTestBed bed, BotFactory host, string user)
    {
        using var http = bed.Fake.CreateClient();
        (await http.PostAsync($"/_sim/consent?openid={user}&template_id={Template}", null)).EnsureSuccessStatusCode();
        await PostPopupAsync(bed, host, user, "accept");
    }

    private static async Task PostPopupAsync(OutboxTestBed bed, BotFactory host, string user, string status)
    {
        var xml =
            $"<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>" +
            $"<CreateTime>{WeChatPush.Now() + Random.Shared.Next(1, 1_000_000)}</CreateTime><MsgType><![CDATA[event]]></MsgType>" +
            "<Event><![CDATA[subscribe_msg_popup_event]]></Event><SubscribeMsgPopupEvent><List>" +
            $"<TemplateId><![CDATA[{Template}]]></TemplateId><SubscribeStatusString><![CDATA[{status}]]></SubscribeStatusString>" +
            "<PopupScene>2</PopupScene></List></SubscribeMsgPopupEvent></xml>";
        var response = await host.CreateClient().SendAsync(new WeChatPush(appId: bed.AppId).Build(xml, PushMode.Safe, timestamp: WeChatPush.Now().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", await response.Content.ReadAsStringAsync());
    }
}
