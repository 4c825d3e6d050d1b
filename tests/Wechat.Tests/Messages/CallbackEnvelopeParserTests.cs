using WechatLogistics.Wechat.Messages;
using WechatLogistics.Wechat.Tests.Vectors;

namespace WechatLogistics.Wechat.Tests.Messages;

public sealed class CallbackEnvelopeParserTests
{
    [Fact]
    public void Parse_WeComPostBody_ReturnsEncryptExactlyWithCorpIdAndAgentId()
    {
        var v = VectorFile.Get("V2");

        var envelope = CallbackEnvelopeParser.Parse(v.Require(v.PostBody, "postBody"));

        Assert.Equal(v.Encrypt, envelope.Encrypt);
        Assert.Equal(v.ReceiveId, envelope.ToUserName);
        Assert.Equal("218", envelope.AgentId);
    }

    [Fact]
    public void Parse_OaSafeModeBody_HasNoAgentId()
    {
        const string body = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[QUJD+/==]]></Encrypt></xml>";

        var envelope = CallbackEnvelopeParser.Parse(body);

        Assert.Equal(new CallbackEnvelope("gh_97417a04a28d", "QUJD+/==", null), envelope);
    }

    [Fact]
    public void Parse_CompatibleModeBody_ExtractsEncryptBesidePlaintextFields()
    {
        const string body = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[openid]]></FromUserName>"
            + "<CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content>"
            + "<MsgId>7</MsgId><Encrypt><![CDATA[QUJD]]></Encrypt></xml>";

        var envelope = CallbackEnvelopeParser.Parse(body);

        Assert.Equal("QUJD", envelope.Encrypt);
        Assert.Equal("gh_1", envelope.ToUserName);
    }

    [Fact]
    public void Parse_PlaintextModeBody_HasNoEncrypt()
    {
        var envelope = CallbackEnvelopeParser.Parse("<xml><ToUserName>gh_1</ToUserName><Encrypt></Encrypt></xml>");

        Assert.Null(envelope.Encrypt);
    }

    [Theory]
    [InlineData("<xml><Encrypt>abc</xml>")]
    [InlineData("<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&e;</Encrypt></xml>")]
    [InlineData("")]
    public void Parse_MalformedOrHostileBody_ThrowsWeChatXmlException(string body)
    {
        Assert.Throws<WeChatXmlException>(() => CallbackEnvelopeParser.Parse(body));
    }

    [Fact]
    public void Parse_BodyOverLimit_ThrowsWeChatXmlException()
    {
        var body = "<xml><Encrypt>" + new string('A', 100) + "</Encrypt></xml>";

        Assert.Throws<WeChatXmlException>(() => CallbackEnvelopeParser.Parse(body, maxCharacters: 64));
    }
}
