using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Wechat.Crypto;

namespace WechatLogistics.Bot.Tests.Support;

/// <summary>Builds WeCom app callbacks the way WeCom does: always encrypted, msg_signature over the ciphertext.</summary>
public sealed class WeComPush(
    string token = DemoCredentials.WeComToken,
    string aesKey = DemoCredentials.WeComEncodingAesKey,
    string corpId = DemoCredentials.WeComCorpId,
    int agentId = 1000002)
{
    private int _nonce = 5000;

    public WeChatMessageCrypto Crypto { get; } = new(token, aesKey, corpId);

    public string CorpId => corpId;

    public string TextXml(string userId, string content, long msgId, long? createTime = null) =>
        $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><FromUserName><![CDATA[{userId}]]></FromUserName>" +
        $"<CreateTime>{createTime ?? WeChatPush.Now()}</CreateTime><MsgType><![CDATA[text]]></MsgType>" +
        $"<Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId><AgentID>{agentId}</AgentID></xml>";

    public string EventXml(string userId, string eventName, long? createTime = null) =>
        $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><FromUserName><![CDATA[{userId}]]></FromUserName>" +
        $"<CreateTime>{createTime ?? WeChatPush.Now()}</CreateTime><MsgType><![CDATA[event]]></MsgType>" +
        $"<Event><![CDATA[{eventName}]]></Event><AgentID>{agentId}</AgentID></xml>";

    /// <summary>A signed, encrypted POST; <paramref name="encryptOverride"/> replaces the ciphertext (still signed).</summary>
    public HttpRequestMessage Build(string plaintextXml, string? timestamp = null, string? encryptOverride = null, string? signatureOverride = null)
    {
        timestamp ??= WeChatPush.Now().ToString(CultureInfo.InvariantCulture);
        var nonce = Interlocked.Increment(ref _nonce).ToString(CultureInfo.InvariantCulture);
        var encrypt = encryptOverride ?? Crypto.Encrypt(plaintextXml);
        var signature = signatureOverride ?? WeChatSignature.Compute(token, timestamp, nonce, encrypt);
        var body = $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[{agentId}]]></AgentID></xml>";
        return Raw($"msg_signature={signature}&timestamp={timestamp}&nonce={nonce}", body);
    }

    public static HttpRequestMessage Raw(string query, string body) => new(HttpMethod.Post, "/wecom/callback?" + query)
    {
        Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("text/xml")),
    };

    /// <summary>The GET WeCom sends when the callback URL is saved, with a fresh encrypted echostr.</summary>
    public string VerifyUrl(string echo, string? timestamp = null)
    {
        timestamp ??= WeChatPush.Now().ToString(CultureInfo.InvariantCulture);
        var nonce = Interlocked.Increment(ref _nonce).ToString(CultureInfo.InvariantCulture);
        var encrypted = Crypto.Encrypt(echo);
        var signature = WeChatSignature.Compute(token, timestamp, nonce, encrypted);
        return $"/wecom/callback?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}&echostr={Uri.EscapeDataString(encrypted)}";
    }

    /// <summary>Checks the reply envelope's signature as WeCom does and returns the plaintext reply XML.</summary>
    public string OpenReply(string envelopeXml)
    {
        var envelope = System.Xml.Linq.XElement.Parse(envelopeXml);
        return Crypto.VerifyAndDecrypt(
            envelope.Element("MsgSignature")!.Value, envelope.Element("TimeStamp")!.Value, envelope.Element("Nonce")!.Value, envelope.Element("Encrypt")!.Value);
    }
}
