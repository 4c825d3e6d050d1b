using System.Text;
using System.Xml;

namespace WechatLogistics.Wechat.Messages;

/// <summary>
/// One forward-only pass over a WeChat XML document, keeping the text of the root's child elements.
/// Lenient as PROTOCOL §2.1 asks: CDATA or plain text, whitespace between elements and unknown
/// elements are accepted. Elements with children keep only their <c>List</c> items (the shape of
/// SubscribeMsgPopupEvent, §2.3), each as its simple fields; anything deeper is skipped. Strict
/// where it matters (PROTOCOL §0.6): no DTD, no external resolution, a size cap.
/// </summary>
internal sealed partial class XmlFields
{
    private readonly Dictionary<string, string> _values;
    private readonly Dictionary<string, List<Dictionary<string, string>>> _lists;

    private XmlFields(Dictionary<string, string> values, Dictionary<string, List<Dictionary<string, string>>> lists)
    {
        _values = values;
        _lists = lists;
    }

    public static XmlFields Read(string xml, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCharacters);
        if (xml.Length > maxCharacters)
        {
            throw new WeChatXmlException($"The XML is longer than {maxCharacters} characters.");
        }

        try
        {
            // XmlTextReader over the string itself holds a buffer the size of the document; XmlReader.Create over a
            // StringReader allocates a 4 K-character buffer per call, which was a fifth of the webhook's allocations.
            // Same strictness: DTDs refused (so no entity can be declared, let alone expanded), nothing resolved, and
            // the length was checked above.
            using var reader = new XmlTextReader(xml, XmlNodeType.Document, null)
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                WhitespaceHandling = WhitespaceHandling.None,
                // As XmlReader.Create does: line breaks normalized, characters and character references checked.
                Normalization = true,
            };
            var lists = new Dictionary<string, List<Dictionary<string, string>>>(StringComparer.Ordinal);
            var values = ReadRootChildren(reader, lists);

            // Read to the end so trailing garbage after the root is rejected too.
            while (reader.Read())
            {
            }

            return new XmlFields(values, lists);
        }
        catch (XmlException ex)
        {
            throw new WeChatXmlException($"Malformed or forbidden XML: {ex.Message}", ex);
        }
    }

    private static Dictionary<string, string> ReadRootChildren(XmlReader reader, Dictionary<string, List<Dictionary<string, string>>> lists)
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
                List<Dictionary<string, string>>? items = null;
                var value = ReadSimpleContent(reader, collectLists: true, ref items);
                if (value is not null)
                {
                    values.TryAdd(name, value);
                }
                else if (items is { Count: > 0 })
                {
                    lists.TryAdd(name, items);
                }
            }
            else
            {
                reader.Read();
            }
        }

        return values;
    }

    /// <summary>
    /// Reads an element's text (CDATA and text nodes); null when it has child elements, whose <c>List</c> children
    /// are added to <paramref name="listItems"/> (created on the first) when <paramref name="collectLists"/> (one level only).
    /// </summary>
    private static string? ReadSimpleContent(XmlReader reader, bool collectLists, ref List<Dictionary<string, string>>? listItems)
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
                case XmlNodeType.Element when collectLists && reader.LocalName == "List" && !reader.IsEmptyElement:
                    complex = true;
                    (listItems ??= []).Add(ReadListItem(reader));
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

    /// <summary>One <c>List</c> item: its simple child elements by name (nested elements are skipped).</summary>
    private static Dictionary<string, string> ReadListItem(XmlReader reader)
    {
        var item = new Dictionary<string, string>(4, StringComparer.Ordinal);
        var depth = reader.Depth;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
            {
                var name = reader.LocalName;
                List<Dictionary<string, string>>? none = null;
                if (ReadSimpleContent(reader, collectLists: false, ref none) is { } text)
                {
                    item.TryAdd(name, text.Trim());
                }
            }
            else if (!reader.Read())
            {
                throw new WeChatXmlException("The XML ends inside an element.");
            }
        }

        reader.Read();
        return item;
    }
}
