using System.Globalization;
using System.Net;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Wechat.Crypto;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>Hostile and broken pushes: each gets a 4xx (never a 500), is logged once, and processes nothing.</summary>
public sealed class CallbackSecurityTests
{
    private const string Rejected = "WeChat callback rejected";
    private readonly WeChatPush _push = new();

    [Fact]
    public async Task ForgedSignature_Rejected401()
    {
        var request = _push.Build(WeChatPush.TextXml("o-x", "探针", 1), PushMode.Plain);
        request.RequestUri = new Uri(request.RequestUri!.OriginalString.Replace("signature=", "signature=0", StringComparison.Ordinal), UriKind.Relative);

        await AssertRejectedAsync(request, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WrongMsgSignature_SafeMode_Rejected401()
    {
        var request = _push.Build(WeChatPush.TextXml("o-x", "探针", 2), PushMode.Safe);
        request.RequestUri = new Uri(request.RequestUri!.OriginalString.Replace("msg_signature=", "msg_signature=f", StringComparison.Ordinal)[..^1], UriKind.Relative);

        await AssertRejectedAsync(request, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task StaleTimestamp_Rejected401()
    {
        var stale = (WeChatPush.Now() - 301).ToString(CultureInfo.InvariantCulture);

        await AssertRejectedAsync(_push.Build(WeChatPush.TextXml("o-x", "探针", 3), PushMode.Safe, stale), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task StaleTimestamp_ToleranceZero_IsAccepted()
    {
        await using var host = new BotFactory(settings: new Dictionary<string, string?> { ["WeChat:TimestampToleranceSeconds"] = "0" });
        var old = (WeChatPush.Now() - 86_400).ToString(CultureInfo.InvariantCulture);

        var response = await host.CreateClient().SendAsync(_push.Build(WeChatPush.TextXml("o-x", "探针", 4), PushMode.Safe, old));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, host.Probe.Runs);
    }

    [Fact]
    public async Task WrongAppIdInsideCiphertext_Rejected403()
    {
        var other = new WeChatMessageCrypto(DemoCredentials.Token, DemoCredentials.EncodingAesKey, "wx_someone_else");
        var encrypt = other.Encrypt(WeChatPush.TextXml("o-x", "探针", 5));

        await AssertRejectedAsync(_push.Build("<xml/>", PushMode.Safe, encryptOverride: encrypt), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task BrokenBase64_Rejected400()
    {
        await AssertRejectedAsync(_push.Build("<xml/>", PushMode.Safe, encryptOverride: "not*base64!!"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BadPadding_Rejected400()
    {
        // A ciphertext made with another key decrypts to garbage: its pad byte and length field are nonsense.
        var other = new WeChatMessageCrypto(DemoCredentials.Token, new string('B', 43), DemoCredentials.AppId);
        var encrypt = other.Encrypt(WeChatPush.TextXml("o-x", "探针", 6));

        await AssertRejectedAsync(_push.Build("<xml/>", PushMode.Safe, encryptOverride: encrypt), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>gh</ToUserName><FromUserName>o-x</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>7</MsgId></xml>""")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><xml><ToUserName>gh</ToUserName><FromUserName>o-x</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&lol4;</Content><MsgId>8</MsgId></xml>""")]
    [InlineData("<xml><ToUserName>gh</ToUserName><FromUserName>o-x</FromUserName")]
    public async Task HostileOrMalformedXml_EveryMode_Rejected400(string xml)
    {
        foreach (var mode in new[] { PushMode.Plain, PushMode.Safe })
        {
            await AssertRejectedAsync(_push.Build(xml, mode), HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task BodyOverTheLimit_Rejected413()
    {
        var huge = WeChatPush.TextXml("o-x", new string('水', 40_000), 9);

        await AssertRejectedAsync(_push.Build(huge, PushMode.Plain), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task UrlVerification_GoodSignature_EchoesEchostrExactly()
    {
        await using var host = new BotFactory();
        var signature = WeChatSignature.Compute(DemoCredentials.Token, "1714036504", "1514711492");

        var body = await host.CreateClient().GetStringAsync($"/wechat/callback?signature={signature}&timestamp=1714036504&nonce=1514711492&echostr=4375120948345356249");

        Assert.Equal("4375120948345356249", body);
    }

    [Fact]
    public async Task UrlVerification_BadSignature_Rejected401()
    {
        await using var host = new BotFactory();

        var response = await host.CreateClient().GetAsync("/wechat/callback?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492&echostr=1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, host.Logs.Count(Rejected));
    }

    private static async Task AssertRejectedAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        await using var host = new BotFactory();

        var response = await host.CreateClient().SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, host.Ledger.Claims);
        Assert.Equal(0, host.Probe.Runs);
        Assert.Equal(1, host.Logs.Count(Rejected));
    }
}
