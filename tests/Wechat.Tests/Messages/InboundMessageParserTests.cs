using WechatLogistics.Wechat.Messages;

namespace WechatLogistics.Wechat.Tests.Messages;

public sealed partial class InboundMessageParserTests
{
    [Fact]
    public void Parse_TextSample_KeepsContentExactAndDedupesByMsgId()
    {
        var message = Assert.IsType<TextMessage>(ParseSample("text.xml"));

        Assert.Equal("gh_97417a04a28d", message.ToUserName);
        Assert.Equal("o9AgO5Kd5ggOC-bXrbNODIiE3bGY", message.FromUserName);
        Assert.Equal(1714112445, message.CreateTime);
        Assert.Equal("text", message.MsgType);
        Assert.Equal("  报修：3号楼 302 水管漏水 <急> & ", message.Content);
        Assert.Equal(24570531234567890, message.MsgId);
        Assert.Null(message.AgentId);
        Assert.Equal("m:24570531234567890", message.DedupeKey);
    }

    [Fact]
    public void Parse_PrettyPrintedPlainTextSample_TrimsIdentifiersAndIgnoresUnknownElements()
    {
        var message = Assert.IsType<TextMessage>(ParseSample("text_pretty.xml"));

        Assert.Equal("gh_97417a04a28d", message.ToUserName);
        Assert.Equal(1714112445, message.CreateTime);
        Assert.Equal("宿舍 & 食堂", message.Content);
        Assert.Equal(1234567890123456, message.MsgId);
    }

    [Fact]
    public void Parse_ImageSample_ReadsPicUrlAndMediaId()
    {
        var message = Assert.IsType<ImageMessage>(ParseSample("image.xml"));

        Assert.Equal("http://mmbiz.qpic.cn/photo.jpg", message.PicUrl);
        Assert.Equal("media_id_image", message.MediaId);
        Assert.Equal(1234567890123456, message.MsgId);
    }

    [Fact]
    public void Parse_VoiceSample_ReadsFormatAndRecognition()
    {
        var message = Assert.IsType<VoiceMessage>(ParseSample("voice.xml"));

        Assert.Equal("media_id_voice", message.MediaId);
        Assert.Equal("amr", message.Format);
        Assert.Equal("宿舍没有热水", message.Recognition);
        Assert.Equal(1234567890123457, message.MsgId);
    }

    [Theory]
    [InlineData("video.xml", "media_id_video", "thumb_media_id", false)]
    [InlineData("shortvideo.xml", "media_id_short", "thumb_media_id_short", true)]
    public void Parse_VideoSamples_ReadsMediaAndShortVideoFlag(string sample, string mediaId, string thumbMediaId, bool isShort)
    {
        var message = Assert.IsType<VideoMessage>(ParseSample(sample));

        Assert.Equal(mediaId, message.MediaId);
        Assert.Equal(thumbMediaId, message.ThumbMediaId);
        Assert.Equal(isShort, message.IsShortVideo);
    }

    [Fact]
    public void Parse_LocationSample_MapsLocationXToLatitudeAndYToLongitude()
    {
        var message = Assert.IsType<LocationMessage>(ParseSample("location.xml"));

        Assert.Equal(23.134521, message.Latitude);
        Assert.Equal(113.358803, message.Longitude);
        Assert.Equal(20, message.Scale);
        Assert.Equal("位置信息", message.Label);
        Assert.Equal(1234567890123456, message.MsgId);
    }

    [Fact]
    public void Parse_LinkSample_ReadsTitleDescriptionUrl()
    {
        var message = Assert.IsType<LinkMessage>(ParseSample("link.xml"));

        Assert.Equal("停水通知", message.Title);
        Assert.Equal("宿舍区今晚停水", message.Description);
        Assert.Equal("https://example.edu.cn/notice/1", message.Url);
    }

    [Fact]
    public void Parse_UnknownMsgTypeSample_ReturnsUnknownMessageWithMsgId()
    {
        var message = Assert.IsType<UnknownMessage>(ParseSample("unknown_msgtype.xml"));

        Assert.Equal("miniprogrampage", message.MsgType);
        Assert.Equal(7399999999999999999, message.MsgId);
        Assert.Equal("m:7399999999999999999", message.DedupeKey);
    }

    [Fact]
    public void Parse_TextWithoutMsgId_DedupesBySenderAndTime()
    {
        const string xml = "<xml><ToUserName>gh</ToUserName><FromUserName>u1</FromUserName><CreateTime>42</CreateTime><MsgType>text</MsgType><Content>hi</Content></xml>";

        var message = Assert.IsType<TextMessage>(InboundMessageParser.Parse(xml));

        Assert.Equal(0, message.MsgId);
        Assert.Equal("e:u1:42:text", message.DedupeKey);
    }

    [Fact]
    public void Parse_CarriageReturnLineFeedInContent_IsNormalizedToLineFeedAsXmlRequires()
    {
        const string xml = "<xml><ToUserName>gh</ToUserName><FromUserName>u1</FromUserName><CreateTime>42</CreateTime><MsgType>text</MsgType><Content><![CDATA[a\r\nb]]></Content><MsgId>1</MsgId></xml>";

        Assert.Equal("a\nb", Assert.IsType<TextMessage>(InboundMessageParser.Parse(xml)).Content);
    }

    [Fact]
    public void ToString_TextMessage_DoesNotLeakContentOrOpenId()
    {
        var text = ParseSample("text.xml").ToString();

        Assert.Equal("TextMessage { MsgType = text, CreateTime = 1714112445 }", text);
    }

    internal static InboundMessage ParseSample(string name) =>
        InboundMessageParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name)));
}
