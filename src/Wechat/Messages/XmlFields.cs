using System.Text;
using System.Xml;

namespace WechatLogistics.Wechat.Messages;

/// <summary>
/// One forward-only pass over a WeChat XML document, keeping the text of the root's child elements.
/// Lenient as PROTOCOL §2.1 asks: CDATA or plain text, whitespace between elements and unknown
/// elements are accepted; elements with children (e.g. SubscribeMsgPopupEvent) are skipped. Strict
/// where it matters (PROTOCOL §0.6): no DTD, no external resolution, a size cap.
/// </summary>
internal sealed partial class XmlFields
{
    private readonly Dictionary<string, string> _values;

    private XmlFields(Dictionary<string, string> values) => _values = values;

    public static XmlFields Read(string xml, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCharacters);
        if (xml.Length > maxCharacters)
        {
            throw new WeChatXmlException($"The XML is longer than {maxCharacters} characters.");
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            ConformanceLevel = ConformanceLevel.Document,
        };

        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var values = ReadRootChildren(reader);

            // Read to the end so trailing garbage after the root is rejected too.
            while (reader.Read())
            {
            }

            return new XmlFields(values);
        }
        catch (XmlException ex)
        {
            throw new WeChatXmlException($"Malformed or forbidden XML: {ex.Message}", ex);
        }
    }

    private static Dictionary<string, string> ReadRootChildren(XmlReader reader)
    {
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            throw new WeChatXmlException("The XML has no root element.");
        }

        var values = new Dictionary<string, string>(16, StringComparer.Ordinal);
        if (reader.IsEmptyElement)
        {
            return values;
        }

        var childDepth = reader.Depth + 1;
        reader.Read();
        while (!reader.EOF && reader.Depth >= childDepth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == childDepth)
            {
                var name = reader.LocalName;
                var value = ReadSimpleContent(reader);
                if (value is not null)
                {
                    values.TryAdd(name, value);
                }
            }
            else
            {
                reader.Read();
            }
        }

        return values;
    }

    /// <summary>Reads an element's text (CDATA and text nodes); null when it has child elements.</summary>
    private static string? ReadSimpleContent(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        var depth = reader.Depth;
        string? single = null;
        StringBuilder? builder = null;
        var complex = false;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    if (single is null)
                    {
                        single = reader.Value;
                    }
                    else
                    {
                        builder ??= new StringBuilder(single);
                        builder.Append(reader.Value);
                    }

                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    complex = true;
                    reader.Skip();
                    break;
                default:
                    if (!reader.Read())
                    {
                        throw new WeChatXmlException("The XML ends inside an element.");
                    }

                    break;
            }
        }

        reader.Read();
        return complex ? null : builder?.ToString() ?? single ?? string.Empty;
    }
}
