using System.Globalization;
using System.Text;

namespace WechatLogistics.Simulator.Callback;

/// <summary>The plaintext XML of a push, as PROTOCOL §2 shows it: CDATA for text, bare numbers.</summary>
public static class PushXml
{
    public static string Text(string account, string user, long createTime, string content, long msgId) =>
        Build(account, user, createTime, "text", x => x.Cdata("Content", content).Number("MsgId", msgId));

    public static string Event(string account, string user, long createTime, string eventName, string? eventKey) =>
        Build(account, user, createTime, "event", x =>
        {
            x.Cdata("Event", eventName);
            if (eventKey is not null)
            {
                x.Cdata("EventKey", eventKey);
            }
        });

    public static string Image(string account, string user, long createTime, string picUrl, string mediaId, long msgId) =>
        Build(account, user, createTime, "image", x => x.Cdata("PicUrl", picUrl).Cdata("MediaId", mediaId).Number("MsgId", msgId));

    public static string Location(string account, string user, long createTime, double latitude, double longitude, string label, long msgId) =>
        Build(account, user, createTime, "location", x => x
            .Number("Location_X", latitude)
            .Number("Location_Y", longitude)
            .Number("Scale", 15)
            .Cdata("Label", label)
            .Number("MsgId", msgId));

    private static string Build(string account, string user, long createTime, string msgType, Action<StringBuilder> body)
    {
        var xml = new StringBuilder("<xml>")
            .Cdata("ToUserName", account)
            .Cdata("FromUserName", user)
            .Number("CreateTime", createTime)
            .Cdata("MsgType", msgType);
        body(xml);
        return xml.Append("</xml>").ToString();
    }

    // "]]>" cannot appear inside CDATA: close the section between "]]" and ">".
    private static StringBuilder Cdata(this StringBuilder xml, string name, string value) =>
        xml.Append('<').Append(name).Append("><![CDATA[")
            .Append(value.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal))
            .Append("]]></").Append(name).Append('>');

    private static StringBuilder Number(this StringBuilder xml, string name, IFormattable value) =>
        xml.Append('<').Append(name).Append('>').Append(value.ToString(null, CultureInfo.InvariantCulture)).Append("</").Append(name).Append('>');
}
