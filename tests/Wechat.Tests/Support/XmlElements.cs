using System.Xml;

namespace WechatLogistics.Wechat.Tests.Support;

/// <summary>Reads XML back with XmlReader into (path, text) pairs such as ("xml/Articles/item/Title", "t").</summary>
public static class XmlElements
{
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string xml)
    {
        var result = new List<KeyValuePair<string, string>>();
        var path = new List<string>();
        var text = new Dictionary<int, string>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    path.Add(reader.LocalName);
                    text[path.Count] = string.Empty;
                    if (reader.IsEmptyElement)
                    {
                        result.Add(new(string.Join('/', path), string.Empty));
                        path.RemoveAt(path.Count - 1);
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    text[path.Count] += reader.Value;
                    break;
                case XmlNodeType.EndElement:
                    result.Add(new(string.Join('/', path), text[path.Count]));
                    path.RemoveAt(path.Count - 1);
                    break;
            }
        }

        return result;
    }

    /// <summary>The text of the only element at <paramref name="path"/>.</summary>
    public static string Single(string xml, string path) =>
        Read(xml).Single(e => e.Key == path).Value;

    public static IReadOnlyList<string> All(string xml, string path) =>
        Read(xml).Where(e => e.Key == path).Select(e => e.Value).ToList();
}
