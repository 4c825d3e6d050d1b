using System.Text;
using System.Xml;

namespace WechatLogistics.Wechat.Replies;

/// <summary>Small helpers for hand-written reply XML (faster than XmlWriter for these tiny documents).</summary>
internal static class XmlText
{
    /// <summary>
    /// Appends <paramref name="value"/> as a CDATA section. "]]>" cannot appear inside CDATA, so it is
    /// split across two sections ("]]" + "]]&gt;&lt;![CDATA[" + "&gt;"); characters XML 1.0 forbids are dropped.
    /// </summary>
    public static StringBuilder AppendCData(this StringBuilder builder, string? value)
    {
        builder.Append("<![CDATA[");
        if (!string.IsNullOrEmpty(value))
        {
            var text = value.AsSpan();
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == ']' && i + 2 < text.Length && text[i + 1] == ']' && text[i + 2] == '>')
                {
                    builder.Append(text[start..(i + 2)]).Append("]]><![CDATA[");
                    start = i + 2;
                    i++;
                }
                else if (!XmlConvert.IsXmlChar(c))
                {
                    var isPair = i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c);
                    if (isPair)
                    {
                        i++;
                        continue;
                    }

                    builder.Append(text[start..i]);
                    start = i + 1;
                }
            }

            builder.Append(text[start..]);
        }

        return builder.Append("]]>");
    }

    /// <summary>Appends <c>&lt;name&gt;&lt;![CDATA[value]]&gt;&lt;/name&gt;</c>.</summary>
    public static StringBuilder AppendCDataElement(this StringBuilder builder, string name, string? value) =>
        builder.Append('<').Append(name).Append('>').AppendCData(value).Append("</").Append(name).Append('>');

    /// <summary>Appends an element with escaped plain text (for numbers such as CreateTime).</summary>
    public static StringBuilder AppendTextElement(this StringBuilder builder, string name, string value)
    {
        builder.Append('<').Append(name).Append('>');
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                _ when XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) => builder.Append(c),
                _ => builder,
            };
        }

        return builder.Append("</").Append(name).Append('>');
    }
}
