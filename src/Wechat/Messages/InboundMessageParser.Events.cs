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
}
