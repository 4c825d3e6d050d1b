namespace WechatLogistics.Wechat.Messages;

public static partial class InboundMessageParser
{
    // OA event names are case-sensitive (SCAN, LOCATION, CLICK, VIEW) while WeCom sends click/view:
    // match ignoring case so both map to the same record; Event keeps the name as sent.
    private static EventMessage ParseEvent(XmlFields fields, Header header)
    {
        var name = fields.Required("Event");
        var eventKey = fields.Optional("EventKey");
        return name.ToUpperInvariant() switch
        {
            "SUBSCRIBE" => new SubscribeEvent
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                Event = name,
                EventKey = eventKey,
                Ticket = fields.Optional("Ticket"),
            },
            "UNSUBSCRIBE" => new UnsubscribeEvent
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                Event = name,
                EventKey = eventKey,
            },
            "SCAN" => new ScanEvent
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                Event = name,
                EventKey = eventKey,
                Ticket = fields.Optional("Ticket"),
            },
            "LOCATION" => new LocationEvent
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                Event = name,
                EventKey = eventKey,
                Latitude = fields.Double("Latitude"),
                Longitude = fields.Double("Longitude"),
                Precision = fields.Double("Precision"),
            },
            "CLICK" => new ClickEvent
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                Event = name,
                EventKey = eventKey,
            },
            "VIEW" => new ViewEvent
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                Event = name,
                EventKey = eventKey,
                MenuId = fields.Optional("MenuId"),
            },
            "SUBSCRIBE_MSG_POPUP_EVENT" => new SubscribeMessagePopupEvent
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                Event = name,
                EventKey = eventKey,
                Choices = Choices(fields, "SubscribeMsgPopupEvent"),
            },
            "SUBSCRIBE_MSG_CHANGE_EVENT" => new SubscribeMessageChangeEvent
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                Event = name,
                EventKey = eventKey,
                // The documentation's example wraps the change event in SubscribeMsgPopupEvent (PROTOCOL §2.3): accept both.
                Choices = Choices(fields, "SubscribeMsgChangeEvent") is { Count: > 0 } changed ? changed : Choices(fields, "SubscribeMsgPopupEvent"),
            },
            _ => new UnknownEvent
            {
                ToUserName = header.ToUserName,
                FromUserName = header.FromUserName,
                CreateTime = header.CreateTime,
                MsgType = header.MsgType,
                AgentId = header.AgentId,
                Event = name,
                EventKey = eventKey,
            },
        };
    }

    /// <summary>The List items with a TemplateId; a status other than "accept" counts as a rejection.</summary>
    private static List<SubscribeMessageChoice> Choices(XmlFields fields, string container) =>
    [
        .. fields.ListItems(container)
            .Where(item => item.TryGetValue("TemplateId", out var id) && id.Length > 0)
            .Select(item => new SubscribeMessageChoice(
                item["TemplateId"],
                string.Equals(item.GetValueOrDefault("SubscribeStatusString"), "accept", StringComparison.Ordinal),
                int.TryParse(item.GetValueOrDefault("PopupScene"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var scene) ? scene : null)),
    ];
}
