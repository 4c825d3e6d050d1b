using WechatLogistics.Wechat.Messages;
using WechatLogistics.Wechat.Tests.Vectors;

namespace WechatLogistics.Wechat.Tests.Messages;

public sealed partial class InboundMessageParserTests
{
    [Theory]
    [MemberData(nameof(VectorData.XmlPlaintexts), MemberType = typeof(VectorData))]
    public void Parse_DecryptedVectorPlaintext_ReturnsWeComTextMessage(string id)
    {
        // V2 has CDATA and a newline after every element; V4 has no CDATA and Chinese text.
        var v = VectorFile.Get(id);
        var plaintext = v.Require(v.Plaintext, "plaintext");

        var message = Assert.IsType<TextMessage>(InboundMessageParser.Parse(plaintext));

        Assert.Equal(v.ReceiveId, message.ToUserName);
        Assert.False(string.IsNullOrWhiteSpace(message.FromUserName));
        Assert.NotNull(message.AgentId);
        Assert.True(message.MsgId > 0);
        Assert.Contains($"<Content>{message.Content}</Content>", plaintext.Replace("<![CDATA[", "").Replace("]]>", ""));
        Assert.Contains($"<CreateTime>{message.CreateTime}</CreateTime>", plaintext);
        Assert.Contains($"<AgentID>{message.AgentId}</AgentID>", plaintext);
    }

    [Fact]
    public void Parse_V2Plaintext_ReadsEveryOfficialSampleField()
    {
        var v = VectorFile.Get("V2");

        var message = Assert.IsType<TextMessage>(InboundMessageParser.Parse(v.Plaintext!));

        Assert.Equal("mycreate", message.FromUserName);
        Assert.Equal(1409659813, message.CreateTime);
        Assert.Equal("hello", message.Content);
        Assert.Equal(4561255354251345929, message.MsgId);
        Assert.Equal(218, message.AgentId);
    }

    [Fact]
    public void Parse_V4Plaintext_ReadsChineseContentWithoutCData()
    {
        var v = VectorFile.Get("V4");

        var message = Assert.IsType<TextMessage>(InboundMessageParser.Parse(v.Plaintext!));

        Assert.Equal("ChenJiaShun", message.FromUserName);
        Assert.Equal("你好", message.Content);
        Assert.Equal(1456453720, message.MsgId);
        Assert.Equal(1000002, message.AgentId);
    }
}
