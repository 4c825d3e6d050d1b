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
    public void Parse_UnknownEventSamples_ReturnUnknownEventWithName(string sample, string eventName)
    {
        var message = Assert.IsType<UnknownEvent>(ParseSample(sample));

        Assert.Equal(eventName, message.Event);
        Assert.StartsWith("e:", message.DedupeKey, StringComparison.Ordinal);
        Assert.EndsWith(":" + eventName, message.DedupeKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SubscribeMsgPopupSample_ReadsEachTemplateChoice()
    {
        var message = Assert.IsType<SubscribeMessagePopupEvent>(ParseSample("event_subscribe_msg_popup.xml"));

        var choice = Assert.Single(message.Choices);
        Assert.Equal(new SubscribeMessageChoice("VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc", Accepted: true, PopupScene: 2), choice);
        Assert.Equal("e:otFpruAK8D-E6EfStSYonYSBZ8_4:1610969440:subscribe_msg_popup_event", message.DedupeKey);
    }

    [Fact]
    public void Parse_PopupWithSeveralTemplates_KeepsAcceptsAndRejectsInOrder()
    {
        var message = Assert.IsType<SubscribeMessagePopupEvent>(InboundMessageParser.Parse(
            Event("subscribe_msg_popup_event",
                "<SubscribeMsgPopupEvent>" +
                "<List><TemplateId><![CDATA[T-accept]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>0</PopupScene></List>" +
                "<List><TemplateId><![CDATA[T-reject]]></TemplateId><SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString><PopupScene>1</PopupScene></List>" +
                "</SubscribeMsgPopupEvent>")));

        Assert.Equal(
            [new SubscribeMessageChoice("T-accept", true, 0), new SubscribeMessageChoice("T-reject", false, 1)],
            message.Choices);
    }

    [Theory]
    [InlineData("SubscribeMsgChangeEvent")]
    [InlineData("SubscribeMsgPopupEvent")] // the documentation's example uses the popup container for the change event
    public void Parse_SubscribeMsgChange_ReadsRejectsFromEitherContainer(string container)
    {
        var message = Assert.IsType<SubscribeMessageChangeEvent>(InboundMessageParser.Parse(
            Event("subscribe_msg_change_event",
                $"<{container}><List><TemplateId><![CDATA[T-off]]></TemplateId><SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString></List></{container}>")));

        Assert.Equal([new SubscribeMessageChoice("T-off", false, null)], message.Choices);
    }

    [Fact]
    public void Parse_PopupWithoutList_HasNoChoices()
    {
        var message = Assert.IsType<SubscribeMessagePopupEvent>(InboundMessageParser.Parse(
            Event("subscribe_msg_popup_event", "<SubscribeMsgPopupEvent></SubscribeMsgPopupEvent>")));

        Assert.Empty(message.Choices);
    }

    private static string Event(string name, string inner) =>
        "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o-user]]></FromUserName><CreateTime>1700000000</CreateTime>" +
        $"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{name}]]></Event>{inner}</xml>";
}
