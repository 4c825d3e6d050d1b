using System.Diagnostics;
using WechatLogistics.Wechat.Messages;

namespace WechatLogistics.Wechat.Tests.Messages;

/// <summary>Hostile and malformed input: always WeChatXmlException, quickly (PROTOCOL §0.6).</summary>
public sealed partial class InboundMessageParserTests
{
    private const string Header =
        "<ToUserName>gh</ToUserName><FromUserName>u1</FromUserName><CreateTime>42</CreateTime>";

    private const string Dtd =
        "<!DOCTYPE xml [<!ELEMENT xml ANY>]><xml>" + Header + "<MsgType>text</MsgType><Content>x</Content></xml>";

    private const string ExternalEntity =
        "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + "<xml>" + Header + "<MsgType>text</MsgType><Content>&xxe;</Content></xml>";

    private const string BillionLaughs =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
        + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
        + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
        + "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
        + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
        + "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
        + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>"
        + "<xml>" + Header + "<MsgType>text</MsgType><Content>&lol9;</Content></xml>";

    public static TheoryData<string, string> HostileDocuments() => new()
    {
        { "DTD", Dtd },
        { "external entity (XXE file://)", ExternalEntity },
        { "billion laughs", BillionLaughs },
        { "external DTD", "<!DOCTYPE xml SYSTEM \"http://127.0.0.1:1/x.dtd\"><xml>" + Header + "<MsgType>text</MsgType></xml>" },
    };

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public void Parse_DocumentTypeDeclaration_ThrowsWeChatXmlExceptionQuickly(string attack, string xml)
    {
        var stopwatch = Stopwatch.StartNew();

        var error = Assert.Throws<WeChatXmlException>(() => InboundMessageParser.Parse(xml));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"{attack} took {stopwatch.Elapsed}.");
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongerThanDefaultLimit_ThrowsWeChatXmlException()
    {
        var xml = "<xml>" + Header + "<MsgType>text</MsgType><Content>"
            + new string('a', InboundMessageParser.DefaultMaxCharacters) + "</Content></xml>";

        Assert.Throws<WeChatXmlException>(() => InboundMessageParser.Parse(xml));
    }

    [Fact]
    public void Parse_LongerThanCallerLimit_ThrowsWeChatXmlException()
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "text.xml"));

        Assert.IsType<TextMessage>(InboundMessageParser.Parse(xml, xml.Length));
        Assert.Throws<WeChatXmlException>(() => InboundMessageParser.Parse(xml, xml.Length - 1));
    }

    [Fact]
    public void Parse_ManyPredefinedEntityReferences_AreStillAccepted()
    {
        var content = string.Concat(Enumerable.Repeat("水 &amp; 电 &lt;3&gt; ", 2000));
        var xml = "<xml>" + Header + "<MsgType>text</MsgType><Content>" + content + "</Content><MsgId>1</MsgId></xml>";

        var message = Assert.IsType<TextMessage>(InboundMessageParser.Parse(xml));

        Assert.Equal(string.Concat(Enumerable.Repeat("水 & 电 <3> ", 2000)), message.Content);
    }

    [Theory]
    [InlineData("&#0;")]
    [InlineData("&#x1;")]
    [InlineData("&#xFFFE;")]
    [InlineData("\u0001")]
    public void Parse_CharacterXmlForbids_ThrowsWeChatXmlException(string content)
    {
        var xml = "<xml>" + Header + "<MsgType>text</MsgType><Content>a" + content + "b</Content></xml>";

        Assert.Throws<WeChatXmlException>(() => InboundMessageParser.Parse(xml));
    }

    [Fact]
    public void Parse_LineBreaks_AreNormalizedAsXmlRequires()
    {
        var xml = "<xml>" + Header + "<MsgType>text</MsgType><Content>一行\r\n二行\r三行</Content></xml>";

        var message = Assert.IsType<TextMessage>(InboundMessageParser.Parse(xml));

        Assert.Equal("一行\n二行\n三行", message.Content);
    }

    [Theory]
    [InlineData("")]
    [InlineData("success")]
    [InlineData("<xml>")]
    [InlineData("<xml><ToUserName>gh</FromUserName></xml>")]
    [InlineData("<xml><ToUserName>gh</ToUserName></xml><xml/>")]
    [InlineData("<xml><ToUserName><![CDATA[gh]></ToUserName></xml>")]
    public void Parse_MalformedXml_ThrowsWeChatXmlException(string xml)
    {
        Assert.Throws<WeChatXmlException>(() => InboundMessageParser.Parse(xml));
    }

    [Theory]
    [InlineData("ToUserName")]
    [InlineData("FromUserName")]
    [InlineData("CreateTime")]
    [InlineData("MsgType")]
    public void Parse_MissingHeaderField_ThrowsWeChatXmlExceptionNamingIt(string field)
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "image.xml"));
        var start = xml.IndexOf($"<{field}>", StringComparison.Ordinal);
        var end = xml.IndexOf($"</{field}>", StringComparison.Ordinal) + field.Length + 3;

        var error = Assert.Throws<WeChatXmlException>(() => InboundMessageParser.Parse(xml.Remove(start, end - start)));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<CreateTime>soon</CreateTime><MsgType>text</MsgType>")]
    [InlineData("<CreateTime>99999999999999999999</CreateTime><MsgType>text</MsgType>")]
    [InlineData("<CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>12abc</MsgId>")]
    [InlineData("<CreateTime>1</CreateTime><MsgType>location</MsgType><Location_X>23,13</Location_X>")]
    [InlineData("<CreateTime>1</CreateTime><MsgType>location</MsgType><Location_X>NaN</Location_X>")]
    [InlineData("<CreateTime>1</CreateTime><MsgType>event</MsgType><Event>LOCATION</Event><Precision>far</Precision>")]
    [InlineData("<CreateTime>1</CreateTime><MsgType>text</MsgType><AgentID>abc</AgentID>")]
    public void Parse_BadNumber_ThrowsWeChatXmlExceptionNotFormatException(string fields)
    {
        var xml = "<xml><ToUserName>gh</ToUserName><FromUserName>u1</FromUserName>" + fields + "</xml>";

        Assert.Throws<WeChatXmlException>(() => InboundMessageParser.Parse(xml));
    }

    [Fact]
    public void Parse_EventWithoutEventName_ThrowsWeChatXmlException()
    {
        var xml = "<xml>" + Header + "<MsgType>event</MsgType></xml>";

        Assert.Throws<WeChatXmlException>(() => InboundMessageParser.Parse(xml));
    }
}
