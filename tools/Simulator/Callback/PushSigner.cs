using System.Globalization;
using System.Security.Cryptography;
using WechatLogistics.Wechat.Crypto;

namespace WechatLogistics.Simulator.Callback;

/// <summary>
/// Signs (and in compatible/safe mode encrypts) a plaintext push the way the WeChat server does (PROTOCOL §1.3):
/// the 3-field <c>signature</c> always; in compatible and safe mode also <c>encrypt_type=aes</c> and the 4-field
/// <c>msg_signature</c> over the Encrypt value.
/// </summary>
public sealed class PushSigner(CallbackSettings settings)
{
    private readonly WeChatMessageCrypto? _crypto = settings.Mode.IsEncrypted()
        ? new WeChatMessageCrypto(settings.Token, settings.EncodingAesKey, settings.AppId)
        : null;

    /// <summary>The crypto for this account, or null in plaintext mode.</summary>
    public WeChatMessageCrypto? Crypto => _crypto;

    public SignedPush Sign(string user, string summary, string plaintextXml, bool isUserMessage, string timestamp, string? nonce = null)
    {
        nonce ??= RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        if (settings.Mode == CallbackMode.WeCom)
        {
            return SignWeCom(user, summary, plaintextXml, isUserMessage, timestamp, nonce);
        }

        var signature = WeChatSignature.Compute(settings.Token, timestamp, nonce);
        var query = $"signature={signature}&timestamp={timestamp}&nonce={nonce}&openid={Uri.EscapeDataString(user)}";
        var body = plaintextXml;
        if (_crypto is not null)
        {
            var encrypt = _crypto.Encrypt(plaintextXml);
            var msgSignature = WeChatSignature.Compute(settings.Token, timestamp, nonce, encrypt);
            query += $"&encrypt_type=aes&msg_signature={msgSignature}";
            var encryptElement = $"<Encrypt><![CDATA[{encrypt}]]></Encrypt>";
            body = settings.Mode == CallbackMode.Safe
                ? $"<xml><ToUserName><![CDATA[{settings.Account}]]></ToUserName>{encryptElement}</xml>"
                : plaintextXml.Insert(plaintextXml.LastIndexOf("</xml>", StringComparison.Ordinal), encryptElement);
        }

        return new SignedPush(user, summary, settings.CallbackPath + "?" + query, body, isUserMessage);
    }

    // WeCom (PROTOCOL §5.2): no plain signature; msg_signature covers the ciphertext; the plaintext and the envelope
    // both carry the AgentID.
    private SignedPush SignWeCom(string user, string summary, string plaintextXml, bool isUserMessage, string timestamp, string nonce)
    {
        var agent = settings.AgentId.ToString(CultureInfo.InvariantCulture);
        var encrypt = _crypto!.Encrypt(plaintextXml.Insert(plaintextXml.LastIndexOf("</xml>", StringComparison.Ordinal), $"<AgentID>{agent}</AgentID>"));
        var msgSignature = WeChatSignature.Compute(settings.Token, timestamp, nonce, encrypt);
        var query = $"msg_signature={msgSignature}&timestamp={timestamp}&nonce={nonce}";
        var body = $"<xml><ToUserName><![CDATA[{settings.Account}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[{agent}]]></AgentID></xml>";
        return new SignedPush(user, summary, settings.CallbackPath + "?" + query, body, isUserMessage);
    }
}
