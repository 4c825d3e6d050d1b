using System.Text;
using System.Text.RegularExpressions;

namespace WechatLogistics.Wechat.Tests.Fuzz;

/// <summary>
/// Random and mutated WeChat XML: arbitrary text, and the real samples with byte flips, truncation, duplicated
/// elements, hostile numbers, deep nesting, DTD and entity injections, invalid UTF-8 and broken CDATA.
/// </summary>
public static partial class XmlMutator
{
    private static readonly Lazy<string[]> LoadedSamples = new(() => Directory
        .GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.xml")
        .Order(StringComparer.Ordinal)
        .Select(File.ReadAllText)
        .ToArray());

    /// <summary>tests/Wechat.Tests/Samples/*.xml, copied next to the test assembly.</summary>
    public static IReadOnlyList<string> Samples => LoadedSamples.Value;

    private static readonly string[] Numbers =
    [
        "", " ", "-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "99999999999999999999999999",
        "1e308", "1e309", "-1e309", "NaN", "Infinity", "-Infinity", "0x10", "1,000", "１２３", "٣", "1.5", "--1", "+", "abc",
        "2147483648", "-2147483649", "\u00A0 12 ", "1\0", "&#49;&#50;",
    ];

    private static readonly string[] NumericElements =
        ["CreateTime", "MsgId", "MsgID", "AgentID", "Location_X", "Location_Y", "Scale", "Latitude", "Longitude", "Precision"];

    private static readonly string[] Fragments =
    [
        "<", ">", "</", "/>", "&", ";", "&amp;", "&lt;", "&#0;", "&#x0;", "&#xD800;", "&#1114112;", "&#x10FFFF;", "&unknown;",
        "<![CDATA[", "]]>", "]]]]><![CDATA[>", "<!--", "-->", "<?xml version=\"1.0\"?>", "<?pi x?>", "\0", "\uFFFE", "\uD800",
        "\uDC00", "\r\n", "</xml>", "<xml>", "<xml/>", "xmlns:a=\"urn:x\"", "<a:b>", "<ToUserName>", "</MsgType>", "\"", "'", "=",
        "<!DOCTYPE xml>", "<!ELEMENT xml ANY>", "<!ENTITY e \"x\">", "&e;", "\u202E", "\uFEFF",
    ];

    private static readonly string[] Doctypes =
    [
        "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
        "<!DOCTYPE xml SYSTEM \"http://127.0.0.1:1/evil.dtd\">",
        "<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>",
        "<!DOCTYPE xml [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/p\"> %p;]>",
        "<!DOCTYPE xml PUBLIC \"-//x//y\" \"z.dtd\">",
        "<!DOCTYPE xml [<!ELEMENT xml ANY>]>",
    ];

    /// <summary>One fuzz input: a strategy chosen by <paramref name="random"/>, sometimes stacked.</summary>
    public static string Next(Random random)
    {
        var input = random.Next(10) switch
        {
            0 => RandomText(random),
            1 => RandomUtf8(random),
            _ => Samples[random.Next(Samples.Count)],
        };

        for (var rounds = random.Next(4) == 0 ? 2 : 1; rounds > 0; rounds--)
        {
            input = Mutate(random, input);
        }

        return input;
    }

    public static string Mutate(Random random, string xml) => random.Next(11) switch
    {
        0 => FlipBytes(random, xml),
        1 => xml[..random.Next(xml.Length + 1)],
        2 => DuplicateElement(random, xml),
        3 => HostileNumber(random, xml),
        4 => Nest(random, xml),
        5 => InjectDoctype(random, xml),
        6 => InsertAt(random, xml, "&" + (random.Next(2) == 0 ? "xxe" : "a") + ";"),
        7 => InvalidUtf8(random, xml),
        8 => BreakCData(random, xml),
        9 => InsertAt(random, xml, Fragments[random.Next(Fragments.Length)]),
        _ => DeleteRange(random, xml),
    };

    private static string RandomText(Random random)
    {
        var chars = new char[random.Next(0, 400)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(4) switch
            {
                0 => "<>/&;![]?=\"' xmlCDATA"[random.Next(21)],
                1 => (char)random.Next(0, 0x80),
                _ => (char)random.Next(0, 0x10000),
            };
        }

        return new string(chars);
    }

    private static string RandomUtf8(Random random)
    {
        var bytes = new byte[random.Next(0, 400)];
        random.NextBytes(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    private static string FlipBytes(Random random, string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        if (bytes.Length == 0)
        {
            return xml;
        }

        for (var flips = random.Next(1, 9); flips > 0; flips--)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        }

        // Half the time as UTF-8 (invalid sequences become U+FFFD), half as Latin-1 (every byte a character).
        return random.Next(2) == 0 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
    }

    private static string DuplicateElement(Random random, string xml)
    {
        var elements = Element().Matches(xml);
        if (elements.Count == 0)
        {
            return xml + xml;
        }

        var element = elements[random.Next(elements.Count)];
        var copies = string.Concat(Enumerable.Repeat(element.Value, random.Next(1, random.Next(2) == 0 ? 3 : 200)));
        return xml.Insert(random.Next(2) == 0 ? element.Index : element.Index + element.Length, copies);
    }

    private static string HostileNumber(Random random, string xml)
    {
        var name = NumericElements[random.Next(NumericElements.Length)];
        var number = Numbers[random.Next(Numbers.Length)];
        var value = random.Next(3) == 0 ? $"<![CDATA[{number}]]>" : System.Security.SecurityElement.Escape(number);
        var start = xml.IndexOf($"<{name}>", StringComparison.Ordinal);
        var end = start < 0 ? -1 : xml.IndexOf($"</{name}>", start, StringComparison.Ordinal);
        return end < 0
            ? InsertAt(random, xml, $"<{name}>{value}</{name}>")
            : string.Concat(xml.AsSpan(0, start), $"<{name}>{value}", xml.AsSpan(end));
    }

    private static string Nest(Random random, string xml)
    {
        // Deep enough to hurt a recursive reader, small enough to stay under the 64 K character cap most of the time.
        var depth = random.Next(2) == 0 ? random.Next(1, 50) : random.Next(500, 3_000);
        var name = random.Next(2) == 0 ? "a" : "List";
        var open = string.Concat(Enumerable.Repeat($"<{name}>", depth));
        var close = random.Next(4) == 0 ? "" : string.Concat(Enumerable.Repeat($"</{name}>", depth));
        return InsertAt(random, xml, open + "x" + close);
    }

    private static string InjectDoctype(Random random, string xml)
    {
        var doctype = Doctypes[random.Next(Doctypes.Length)];
        var at = xml.IndexOf("<xml", StringComparison.Ordinal);
        return at < 0 ? doctype + xml : xml.Insert(at, doctype);
    }

    private static string InvalidUtf8(Random random, string xml)
    {
        // The bytes a broken client could send, read the way CallbackBodyReader reads them (UTF-8, U+FFFD for junk),
        // or lone surrogates that no UTF-8 decoder would produce.
        byte[][] junk = [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF], [0xE4, 0xBD]];
        if (random.Next(2) == 0)
        {
            var bytes = Encoding.UTF8.GetBytes(xml).ToList();
            bytes.InsertRange(random.Next(bytes.Count + 1), junk[random.Next(junk.Length)]);
            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        return InsertAt(random, xml, random.Next(2) == 0 ? "\uD83D" : "\uDE00");
    }

    private static string BreakCData(Random random, string xml)
    {
        var at = xml.IndexOf("<![CDATA[", StringComparison.Ordinal);
        if (at < 0)
        {
            return InsertAt(random, xml, "<![CDATA[");
        }

        return random.Next(3) switch
        {
            0 => xml.Insert(at + 9, "]]>"),
            1 => xml.Remove(at, 3),
            _ => xml.Replace("]]>", "] ]>", StringComparison.Ordinal),
        };
    }

    private static string DeleteRange(Random random, string xml)
    {
        if (xml.Length == 0)
        {
            return xml;
        }

        var start = random.Next(xml.Length);
        return xml.Remove(start, random.Next(1, Math.Min(40, xml.Length - start) + 1));
    }

    /// <summary>Half the time between two elements (so the rest of the document stays well-formed), else anywhere.</summary>
    private static string InsertAt(Random random, string xml, string fragment)
    {
        var at = random.Next(xml.Length + 1);
        if (random.Next(2) == 0 && xml.IndexOf("><", Math.Min(at, xml.Length), StringComparison.Ordinal) is var gap and >= 0)
        {
            at = gap + 1;
        }

        return xml.Insert(at, fragment);
    }

    [GeneratedRegex("<([A-Za-z_]+)>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex Element();
}
