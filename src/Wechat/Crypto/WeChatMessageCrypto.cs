using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using WechatLogistics.Wechat.Replies;

namespace WechatLogistics.Wechat.Crypto;

/// <summary>
/// WXBizMsgCrypt for OA, mini program and WeCom callbacks (PROTOCOL §1.4, §1.5, §5.1): AES-256-CBC,
/// key = Base64(EncodingAESKey + "="), IV = key[0..16], 32-byte PKCS#7, FullStr =
/// random(16) ‖ uint32 BE msg_len ‖ msg ‖ receiveid. Thread-safe; create one per configured account.
/// </summary>
public sealed partial class WeChatMessageCrypto
{
    /// <summary>EncodingAESKey length (PROTOCOL §1.1).</summary>
    public const int EncodingAesKeyLength = 43;

    /// <summary>Length of the random prefix of FullStr.</summary>
    public const int RandomLength = 16;

    private const int KeyLength = 32;
    private const int HeaderLength = RandomLength + sizeof(uint);

    private static readonly SearchValues<char> Alphanumerics =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private readonly byte[] _iv;
    private readonly byte[] _receiveIdBytes;
    private readonly AesCbcPool _aes;

    /// <param name="token">The Token (令牌) used for signatures.</param>
    /// <param name="encodingAesKey">The 43-character EncodingAESKey; anything else is IllegalAesKey.</param>
    /// <param name="receiveId">AppID (OA, mini program) or CorpID (WeCom); "" skips the check (WeCom robots).</param>
    public WeChatMessageCrypto(string token, string encodingAesKey, string receiveId)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(receiveId);

        var key = DecodeKey(encodingAesKey);
        Token = token;
        ReceiveId = receiveId;
        _iv = key[..RandomLength];
        _receiveIdBytes = Encoding.UTF8.GetBytes(receiveId);
        _aes = new AesCbcPool(key);
    }

    public string Token { get; }

    public string ReceiveId { get; }

    /// <summary>Checks msg_signature = SHA1(sort(Token, timestamp, nonce, Encrypt)) in constant time.</summary>
    public bool VerifyMsgSignature(string? msgSignature, string timestamp, string nonce, string encrypt) =>
        WeChatSignature.Verify(msgSignature, Token, timestamp, nonce, encrypt);

    /// <summary>
    /// Safe mode / WeCom: verifies msg_signature first (ValidateSignature, before any decryption),
    /// then decrypts. Also decrypts a WeCom URL-verification echostr (PROTOCOL §5.1).
    /// </summary>
    public string VerifyAndDecrypt(string? msgSignature, string timestamp, string nonce, string encrypt)
    {
        if (!VerifyMsgSignature(msgSignature, timestamp, nonce, encrypt))
        {
            throw new WeChatCryptoException(WeChatCryptoError.ValidateSignature, "msg_signature does not match.");
        }

        return Decrypt(encrypt);
    }

    /// <summary>Builds the §1.5 encrypted reply envelope with a fresh random prefix.</summary>
    public string BuildEncryptedReply(string replyPlaintext, string timestamp, string nonce) =>
        BuildEnvelope(Encrypt(replyPlaintext), timestamp, nonce);

    /// <summary>As <see cref="BuildEncryptedReply(string, string, string)"/> with a fixed random prefix (tests).</summary>
    public string BuildEncryptedReply(string replyPlaintext, string timestamp, string nonce, ReadOnlySpan<byte> random16) =>
        BuildEnvelope(Encrypt(replyPlaintext, random16), timestamp, nonce);

    private string BuildEnvelope(string encrypt, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);

        // MsgSignature = SHA1(sort(Token, TimeStamp, Nonce, Encrypt)) (PROTOCOL §1.5).
        var signature = WeChatSignature.Compute(Token, timestamp, nonce, encrypt);
        if (IsAlphanumeric(timestamp) && IsAlphanumeric(nonce))
        {
            // The usual case, written in one allocation: Base64, hex and alphanumerics need no escaping in XML.
            return string.Concat([
                "<xml><Encrypt><![CDATA[", encrypt, "]]></Encrypt><MsgSignature><![CDATA[", signature,
                "]]></MsgSignature><TimeStamp>", timestamp, "</TimeStamp><Nonce><![CDATA[", nonce, "]]></Nonce></xml>",
            ]);
        }

        return new StringBuilder(encrypt.Length + 200)
            .Append("<xml>")
            .AppendCDataElement("Encrypt", encrypt)
            .AppendCDataElement("MsgSignature", signature)
            .AppendTextElement("TimeStamp", timestamp)
            .AppendCDataElement("Nonce", nonce)
            .Append("</xml>")
            .ToString();
    }

    private static bool IsAlphanumeric(string value) => !value.AsSpan().ContainsAnyExcept(Alphanumerics);

    private static byte[] DecodeKey(string? encodingAesKey)
    {
        if (encodingAesKey is null || encodingAesKey.Length != EncodingAesKeyLength)
        {
            throw new WeChatCryptoException(
                WeChatCryptoError.IllegalAesKey, $"EncodingAESKey must be {EncodingAesKeyLength} characters.");
        }

        var key = new byte[KeyLength + 1];
        if (!Convert.TryFromBase64String(encodingAesKey + "=", key, out var written) || written != KeyLength)
        {
            throw new WeChatCryptoException(WeChatCryptoError.IllegalAesKey, "EncodingAESKey is not valid Base64.");
        }

        return key[..KeyLength];
    }
}
