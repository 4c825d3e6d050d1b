using WechatLogistics.Wechat.Messages;

namespace WechatLogistics.Wechat.Tests.Messages;

public sealed partial class InboundMessageParserTests
{
    [Fact]
    public void Parse_PlainSubscribeSample_HasNoSceneAndDedupesByEvent()
    {
        var message = Assert.IsType<SubscribeEvent>(ParseSample("event_subscribe.xml"));

        Assert.Equal("subscribe", message.Event);
        Assert.Null(message.EventKey);
        Assert.Null(message.SceneKey);
        Assert.Null(message.Ticket);
        Assert.Equal("e:FromUser:123456789:subscribe", message.DedupeKey);
    }

    [Fact]
    public void Parse_QrSubscribeSample_StripsQrscenePrefix()
    {
        var message = Assert.IsType<SubscribeEvent>(ParseSample("event_subscribe_qrscene.xml"));

        Assert.Equal("qrscene_123123", message.EventKey);
        Assert.Equal("123123", message.SceneKey);
        Assert.Equal("TICKET", message.Ticket);
    }

    [Fact]
    public void Parse_UnsubscribeSample_ReturnsUnsubscribeEvent()
    {
        var message = Assert.IsType<UnsubscribeEvent>(ParseSample("event_unsubscribe.xml"));

        Assert.Equal("FromUser", message.FromUserName);
        Assert.Equal("e:FromUser:123456790:unsubscribe", message.DedupeKey);
    }

    [Fact]
    public void Parse_ScanSample_KeepsSceneWithoutPrefix()
    {
        var message = Assert.IsType<ScanEvent>(ParseSample("event_scan.xml"));

        Assert.Equal("123123", message.EventKey);
        Assert.Equal("TICKET", message.Ticket);
        // Same user and second as a subscribe: the event name keeps the two apart.
        Assert.NotEqual(ParseSample("event_subscribe.xml").DedupeKey, message.DedupeKey);
    }

    [Fact]
    public void Parse_LocationEventSample_ReadsCoordinatesAndPrecision()
    {
        var message = Assert.IsType<LocationEvent>(ParseSample("event_location.xml"));

        Assert.Equal(23.137466, message.Latitude);
        Assert.Equal(113.352425, message.Longitude);
        Assert.Equal(119.385040, message.Precision);
    }

    [Theory]
    [InlineData("event_click.xml", "CLICK", "MENU_REPORT", null)]
    [InlineData("wecom_event_click.xml", "click", "#sendmsg#_0_0#7599826999", 1000002)]
    public void Parse_ClickSamples_OaUppercaseAndWeComLowercaseBothMapToClickEvent(
        string sample, string eventName, string eventKey, int? agentId)
    {
        var message = Assert.IsType<ClickEvent>(ParseSample(sample));

        Assert.Equal(eventName, message.Event);
        Assert.Equal(eventKey, message.EventKey);
        Assert.Equal(agentId, message.AgentId);
    }

    [Theory]
    [InlineData("event_view.xml", "VIEW", "https://example.edu.cn/", "208379533")]
    [InlineData("wecom_event_view.xml", "view", "https://example.edu.cn/wecom", null)]
    public void Parse_ViewSamples_OaUppercaseAndWeComLowercaseBothMapToViewEvent(
        string sample, string eventName, string url, string? menuId)
    {
        var message = Assert.IsType<ViewEvent>(ParseSample(sample));

        Assert.Equal(eventName, message.Event);
        Assert.Equal(url, message.EventKey);
        Assert.Equal(menuId, message.MenuId);
    }

    [Theory]
    [InlineData("event_templatesendjobfinish.xml", "TEMPLATESENDJOBFINISH")]
    [InlineData("event_subscribe_msg_popup.xml", "subscribe_msg_popup_event")]
    public void Parse_UnknownEventSamples_ReturnUnknownEventWithName(string sample, string eventName)
    {
        var message = Assert.IsType<UnknownEvent>(ParseSample(sample));

        Assert.Equal(eventName, message.Event);
        Assert.StartsWith("e:", message.DedupeKey, StringComparison.Ordinal);
        Assert.EndsWith(":" + eventName, message.DedupeKey, StringComparison.Ordinal);
    }
}
