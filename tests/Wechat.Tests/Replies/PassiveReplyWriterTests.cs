using System.Text;
using WechatLogistics.Wechat.Replies;
using WechatLogistics.Wechat.Tests.Support;

namespace WechatLogistics.Wechat.Tests.Replies;

public sealed class PassiveReplyWriterTests
{
    private const string OpenId = "o9AgO5Kd5ggOC-bXrbNODIiE3bGY";
    private const string OurId = "gh_97417a04a28d";

    [Fact]
    public void ToXml_TextReply_AddressesTheSenderFromOurAccount()
    {
        var xml = PassiveReplyWriter.ToXml(new TextReply("您的报修单已受理"), OpenId, OurId, 1714112500);

        Assert.Equal(
            [
                new("xml/ToUserName", OpenId),
                new("xml/FromUserName", OurId),
                new("xml/CreateTime", "1714112500"),
                new("xml/MsgType", "text"),
                new("xml/Content", "您的报修单已受理"),
                new KeyValuePair<string, string>("xml", string.Empty),
            ],
            XmlElements.Read(xml));
    }

    [Fact]
    public void ToXml_ImageReply_NestsMediaIdInImage()
    {
        var xml = PassiveReplyWriter.ToXml(new ImageReply("media_id_1"), OpenId, OurId, 1);

        Assert.Equal("image", XmlElements.Single(xml, "xml/MsgType"));
        Assert.Equal("media_id_1", XmlElements.Single(xml, "xml/Image/MediaId"));
        Assert.Equal(OpenId, XmlElements.Single(xml, "xml/ToUserName"));
    }

    [Fact]
    public void ToXml_NewsReply_WritesCountAndArticlesInOrder()
    {
        var reply = new NewsReply(
        [
            new NewsArticle("停水通知", "今晚 22:00", "https://example.edu.cn/a.jpg", "https://example.edu.cn/a"),
            new NewsArticle("报修指南", "如何报修", null, null),
        ]);

        var xml = PassiveReplyWriter.ToXml(reply, OpenId, OurId, 1);

        Assert.Equal("news", XmlElements.Single(xml, "xml/MsgType"));
        Assert.Equal("2", XmlElements.Single(xml, "xml/ArticleCount"));
        Assert.Equal(["停水通知", "报修指南"], XmlElements.All(xml, "xml/Articles/item/Title"));
        Assert.Equal(["今晚 22:00", "如何报修"], XmlElements.All(xml, "xml/Articles/item/Description"));
        Assert.Equal(["https://example.edu.cn/a.jpg", ""], XmlElements.All(xml, "xml/Articles/item/PicUrl"));
        Assert.Equal(["https://example.edu.cn/a", ""], XmlElements.All(xml, "xml/Articles/item/Url"));
    }

    [Fact]
    public void ToXml_NewsReplyWithNineArticles_WritesOnlyEight()
    {
        var articles = Enumerable.Range(1, 9).Select(i => new NewsArticle($"t{i}", "d", null, null)).ToList();

        var xml = PassiveReplyWriter.ToXml(new NewsReply(articles), OpenId, OurId, 1);

        Assert.Equal("8", XmlElements.Single(xml, "xml/ArticleCount"));
        Assert.Equal(8, XmlElements.All(xml, "xml/Articles/item/Title").Count);
        Assert.DoesNotContain("t9", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void ToXml_NewsReplyWithoutArticles_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => PassiveReplyWriter.ToXml(new NewsReply([]), OpenId, OurId, 1));
    }

    [Fact]
    public void ToXml_TextWithCrLf_UsesLineFeedOnly()
    {
        var xml = PassiveReplyWriter.ToXml(new TextReply("第一行\r\n第二行\r\n"), OpenId, OurId, 1);

        Assert.DoesNotContain('\r', xml);
        Assert.Equal("第一行\n第二行\n", XmlElements.Single(xml, "xml/Content"));
    }

    [Theory]
    [InlineData("]]>")]
    [InlineData("a]]>b")]
    [InlineData("]]]]>>]]>")]
    [InlineData("<![CDATA[x]]>")]
    [InlineData("]] > ]]")]
    public void ToXml_ContentWithCDataTerminator_SurvivesRoundTrip(string content)
    {
        var xml = PassiveReplyWriter.ToXml(new TextReply(content), OpenId, "gh_]]>id", 1);

        Assert.Equal(content, XmlElements.Single(xml, "xml/Content"));
        Assert.Equal("gh_]]>id", XmlElements.Single(xml, "xml/FromUserName"));
    }

    [Fact]
    public void ToXml_ContentWithControlCharacters_DropsThemAndStaysWellFormed()
    {
        var xml = PassiveReplyWriter.ToXml(new TextReply("a\u0001b\u0000c😀\td"), OpenId, OurId, 1);

        Assert.Equal("abc😀\td", XmlElements.Single(xml, "xml/Content"));
    }

    [Fact]
    public void ToXml_TextOfExactly2048Bytes_IsKeptWhole()
    {
        var content = new string('a', 2045) + "中";

        var xml = PassiveReplyWriter.ToXml(new TextReply(content), OpenId, OurId, 1);

        Assert.Equal(content, XmlElements.Single(xml, "xml/Content"));
    }

    [Theory]
    [InlineData(2047, "中", 2047)]
    [InlineData(2046, "中", 2046)]
    [InlineData(2045, "😀", 2045)]
    [InlineData(2044, "😀", 2048)]
    [InlineData(0, "中", 2046)]
    public void ToXml_TextOverLimit_IsCutOnCharacterBoundary(int asciiPrefix, string filler, int expectedBytes)
    {
        var content = new string('a', asciiPrefix) + string.Concat(Enumerable.Repeat(filler, 1000));

        var written = XmlElements.Single(PassiveReplyWriter.ToXml(new TextReply(content), OpenId, OurId, 1), "xml/Content");

        Assert.Equal(expectedBytes, Encoding.UTF8.GetByteCount(written));
        Assert.StartsWith(written, content, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', written);
        Assert.False(char.IsHighSurrogate(written[^1]));
    }
}
