using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Wechat.Crypto;

namespace WechatLogistics.Bot.Tests.Support;

public enum PushMode
{
    Plain,
    Compatible,
    Safe,
}

/// <summary>Builds pushes the way the WeChat server does: signed query, plaintext or encrypted body.</summary>
public sealed class WeChatPush(
    string token = DemoCredentials.Token,
    string aesKey = DemoCredentials.EncodingAesKey,
    string appId = DemoCredentials.AppId)
{
    private int _nonce = 1000;

    public WeChatMessageCrypto Crypto { get; } = new(token, aesKey, appId);

    public static string TextXml(string fromUser, string content, long msgId, long? createTime = null) =>
        $"<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[{fromUser}]]></FromUserName>" +
        $"<CreateTime>{createTime ?? Now()}</CreateTime><MsgType><![CDATA[text]]></MsgType>" +
        $"<Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId></xml>";

    public static string EventXml(string fromUser, string eventName, string? eventKey = null, long? createTime = null) =>
        $"<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><FromUserName><![CDATA[{fromUser}]]></FromUserName>" +
        $"<CreateTime>{createTime ?? Now()}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{eventName}]]></Event>" +
        (eventKey is null ? "" : $"<EventKey><![CDATA[{eventKey}]]></EventKey>") + "</xml>";

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A push request as WeChat sends it, signed with the current (or the given) timestamp.</summary>
    public HttpRequestMessage Build(string plaintextXml, PushMode mode, string? timestamp = null, string? encryptOverride = null)
    {
        timestamp ??= Now().ToString(CultureInfo.InvariantCulture);
        var nonce = Interlocked.Increment(ref _nonce).ToString(CultureInfo.InvariantCulture);
        var signature = WeChatSignature.Compute(token, timestamp, nonce);
        var query = $"signature={signature}&timestamp={timestamp}&nonce={nonce}&openid=test";
        string body;
        if (mode == PushMode.Plain)
        {
            body = plaintextXml;
        }
        else
        {
            var encrypt = encryptOverride ?? Crypto.Encrypt(plaintextXml);
            var msgSignature = WeChatSignature.Compute(token, timestamp, nonce, encrypt);
            query += $"&encrypt_type=aes&msg_signature={msgSignature}";
            body = mode == PushMode.Safe
                ? $"<xml><ToUserName><![CDATA[gh_demo]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
                : plaintextXml.Replace("</xml>", $"<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>", StringComparison.Ordinal);
        }

        return Raw(query, body);
    }

    public static HttpRequestMessage Raw(string query, string body) => new(HttpMethod.Post, "/wechat/callback?" + query)
    {
        Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("text/xml")),
    };

    /// <summary>Decrypts an encrypted passive reply after checking its MsgSignature, as WeChat does.</summary>
    public string OpenReply(string envelopeXml)
    {
        var envelope = System.Xml.Linq.XElement.Parse(envelopeXml);
        var encrypt = envelope.Element("Encrypt")!.Value;
        var signature = envelope.Element("MsgSignature")!.Value;
        var timestamp = envelope.Element("TimeStamp")!.Value;
        var nonce = envelope.Element("Nonce")!.Value;
        return Crypto.VerifyAndDecrypt(signature, timestamp, nonce, encrypt);
    }

    /// <summary>The Content of a text reply.</summary>
    public static string ReplyText(string replyXml) => System.Xml.Linq.XElement.Parse(replyXml).Element("Content")!.Value;
}
