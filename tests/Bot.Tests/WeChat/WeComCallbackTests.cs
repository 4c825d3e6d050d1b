using System.Globalization;
using System.Net;
using System.Xml.Linq;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Handlers.StaffChat;
using WechatLogistics.Wechat.Crypto;
using WechatLogistics.Wechat.Tests.Vectors;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>
/// <c>/wecom/callback</c>: the published WeCom vectors (URL verification, message decryption) through the real host, real
/// encrypted traffic built like WeCom's, and every kind of bad input — a 4xx that processes nothing.
/// </summary>
public sealed class WeComCallbackTests
{
    private const string Rejected = "WeCom callback rejected";
    private readonly WeComPush _push = new();

    public static TheoryData<string> UrlVectors => ["V1", "V3"];

    private static BotFactory HostFor(WeChatVector vector) => new(settings: new Dictionary<string, string?>
    {
        ["WeCom:CorpId"] = vector.ReceiveId,
        ["WeCom:Token"] = vector.Token,
        ["WeCom:EncodingAesKey"] = vector.EncodingAesKey,
        // The published samples are from 2014: replayed traffic needs the freshness check off.
        ["WeCom:TimestampToleranceSeconds"] = "0",
    });

    [Theory]
    [MemberData(nameof(UrlVectors))]
    public async Task UrlVerification_PublishedVector_AnswersTheDecryptedEchostrExactly(string id)
    {
        var vector = VectorFile.Get(id);
        await using var host = HostFor(vector);
        var query = vector.RequestQuery
            ?? $"msg_signature={vector.MsgSignature}&timestamp={vector.Timestamp}&nonce={vector.Nonce}&echostr={Uri.EscapeDataString(vector.Require(vector.Echostr, "echostr"))}";

        var response = await host.CreateClient().GetAsync("/wecom/callback?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(vector.Plaintext, await response.Content.ReadAsStringAsync());
        Assert.Equal(vector.Plaintext!.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task MessageCallback_PublishedVector_IsDecryptedAndAnsweredInTheEncryptedEnvelope()
    {
        var vector = VectorFile.Get("V2");
        await using var host = HostFor(vector);
        var request = WeComPush.Raw($"msg_signature={vector.MsgSignature}&timestamp={vector.Timestamp}&nonce={vector.Nonce}", vector.Require(vector.PostBody, "postBody"));

        var response = await host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var crypto = new WeChatMessageCrypto(vector.Token!, vector.EncodingAesKey!, vector.ReceiveId!);
        var reply = Open(crypto, await response.Content.ReadAsStringAsync());
        // The sample's sender "mycreate" wrote "hello": answered as the app (CorpId) to that member.
        Assert.Equal(("mycreate", vector.ReceiveId, "text"), ((string?)reply.Element("ToUserName"), (string?)reply.Element("FromUserName"), (string?)reply.Element("MsgType")));
        Assert.False(string.IsNullOrWhiteSpace((string?)reply.Element("Content")));
        Assert.Equal(1, host.Ledger.Claims);
    }

    [Fact]
    public async Task UrlVerification_WithTheDemoApp_RoundTripsAFreshEchostr()
    {
        await using var host = new BotFactory();

        var response = await host.CreateClient().GetAsync(_push.VerifyUrl("4242424242"));

        Assert.Equal("4242424242", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Help_IsAnsweredWithTheCommandList()
    {
        await using var host = new BotFactory();

        var response = await host.CreateClient().SendAsync(_push.Build(_push.TextXml("zhang.san", "帮助", 9001)));

        var reply = Open(_push.Crypto, await response.Content.ReadAsStringAsync());
        Assert.Equal(StaffChatTexts.Help, (string?)reply.Element("Content"));
        Assert.Equal(("zhang.san", _push.CorpId), ((string?)reply.Element("ToUserName"), (string?)reply.Element("FromUserName")));
    }

    [Fact]
    public async Task Retry_OfOneMessage_IsProcessedOnce_AndGetsTheSameAnswer()
    {
        await using var host = new BotFactory();
        var client = host.CreateClient();
        var xml = _push.TextXml("zhang.san", "帮助", 9002);

        var first = Open(_push.Crypto, await (await client.SendAsync(_push.Build(xml))).Content.ReadAsStringAsync());
        var retry = Open(_push.Crypto, await (await client.SendAsync(_push.Build(xml))).Content.ReadAsStringAsync());

        Assert.Equal((string?)first.Element("Content"), (string?)retry.Element("Content"));
        Assert.Equal(2, host.Ledger.Claims);
        var outcomes = host.Logs.Messages.Count(m => m.Contains("Duplicate delivery answered", StringComparison.Ordinal));
        Assert.Equal(1, outcomes);
    }

    [Fact]
    public async Task EnterAgent_GetsAnEmptyBody()
    {
        await using var host = new BotFactory();

        var response = await host.CreateClient().SendAsync(_push.Build(_push.EventXml("zhang.san", "enter_agent")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ForgedMsgSignature_Rejected401()
    {
        await AssertRejectedAsync(_push.Build(_push.TextXml("zhang.san", "帮助", 9003), signatureOverride: new string('0', 40)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task StaleTimestamp_Rejected401()
    {
        var stale = (WeChatPush.Now() - 301).ToString(CultureInfo.InvariantCulture);

        await AssertRejectedAsync(_push.Build(_push.TextXml("zhang.san", "帮助", 9004), stale), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnotherCorpIdInsideTheCiphertext_Rejected403()
    {
        var other = new WeChatMessageCrypto(DemoCredentials.WeComToken, DemoCredentials.WeComEncodingAesKey, "ww_someone_else");

        await AssertRejectedAsync(_push.Build("<xml/>", encryptOverride: other.Encrypt(_push.TextXml("zhang.san", "帮助", 9005))), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task DtdInsideTheCiphertext_Rejected400()
    {
        const string Xxe = """<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>ww</ToUserName><FromUserName>zhang.san</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>7</MsgId></xml>""";

        await AssertRejectedAsync(_push.Build(Xxe), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OversizedBody_Rejected413()
    {
        var huge = _push.TextXml("zhang.san", new string('水', 40_000), 9006);

        await AssertRejectedAsync(_push.Build(huge), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("")]
    [InlineData("msg_signature=abc&timestamp=not-a-time&nonce=2")]
    [InlineData("msg_signature=abc&nonce=2")]
    public async Task MissingParameters_Rejected400(string query)
    {
        await AssertRejectedAsync(WeComPush.Raw(query, "<xml/>"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UrlVerification_ForgedSignature_Rejected401()
    {
        await using var host = new BotFactory();
        var url = _push.VerifyUrl("123");
        url = url.Replace("msg_signature=", "msg_signature=0", StringComparison.Ordinal);

        var response = await host.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("123", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallbackNotConfigured_Rejected400_AndSaysSo()
    {
        await using var host = new BotFactory(settings: new Dictionary<string, string?> { ["WeCom:Token"] = "", ["WeCom:EncodingAesKey"] = "" });

        var response = await host.CreateClient().SendAsync(_push.Build(_push.TextXml("zhang.san", "帮助", 9007)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("EncryptionNotConfigured", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, host.Ledger.Claims);
    }

    private static XElement Open(WeChatMessageCrypto crypto, string envelopeXml)
    {
        var envelope = XElement.Parse(envelopeXml);
        return XElement.Parse(crypto.VerifyAndDecrypt(
            (string?)envelope.Element("MsgSignature"), (string)envelope.Element("TimeStamp")!, (string)envelope.Element("Nonce")!, (string)envelope.Element("Encrypt")!));
    }

    private static async Task AssertRejectedAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        await using var host = new BotFactory();

        var response = await host.CreateClient().SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, host.Ledger.Claims);
        Assert.Single(host.Logs.Messages, m => m.StartsWith(Rejected, StringComparison.Ordinal));
    }
}
