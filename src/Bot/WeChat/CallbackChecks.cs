using System.Globalization;
using System.Security.Cryptography;
using WechatLogistics.Wechat.Crypto;
using WechatLogistics.Wechat.Messages;

namespace WechatLogistics.Bot.WeChat;

/// <summary>
/// The checks every callback receiver runs, in order (PROTOCOL §1, §5): timestamp present and fresh, msg_signature
/// over the ciphertext before anything is decrypted, receive id inside the ciphertext, XML without DTDs and within
/// the size limit. Each failure throws <see cref="CallbackRejectedException"/> with the reason.
/// </summary>
public static class CallbackChecks
{
    /// <summary>The timestamp and nonce of the query; the timestamp must be a Unix time in seconds.</summary>
    public static (string Timestamp, string Nonce, long SentAt) RequireTimestampAndNonce(IQueryCollection query)
    {
        string? timestamp = query["timestamp"], nonce = query["nonce"];
        if (timestamp is null || nonce is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt))
        {
            throw new CallbackRejectedException(CallbackRejection.MissingParameters);
        }

        return (timestamp, nonce, sentAt);
    }

    /// <summary>Refuses a push older (or newer) than the tolerance; 0 turns the check off.</summary>
    public static void RequireFresh(long sentAt, int toleranceSeconds, TimeProvider time)
    {
        if (toleranceSeconds > 0 && Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - sentAt) > toleranceSeconds)
        {
            throw new CallbackRejectedException(CallbackRejection.StaleTimestamp);
        }
    }

    /// <summary>Reads the <c>Encrypt</c> field of an envelope body, checks msg_signature over it, and decrypts it.</summary>
    public static string OpenEnvelope(WeChatMessageCrypto crypto, string body, int maxBytes, string? msgSignature, string timestamp, string nonce)
    {
        CallbackEnvelope envelope;
        try
        {
            envelope = CallbackEnvelopeParser.Parse(body, maxBytes);
        }
        catch (WeChatXmlException)
        {
            throw new CallbackRejectedException(CallbackRejection.BadXml);
        }

        if (string.IsNullOrEmpty(envelope.Encrypt))
        {
            throw new CallbackRejectedException(CallbackRejection.BadXml);
        }

        return Decrypt(crypto, msgSignature, timestamp, nonce, envelope.Encrypt);
    }

    /// <summary>Checks msg_signature over <paramref name="encrypt"/> first, then decrypts and checks the receive id.</summary>
    public static string Decrypt(WeChatMessageCrypto crypto, string? msgSignature, string timestamp, string nonce, string encrypt)
    {
        try
        {
            return crypto.VerifyAndDecrypt(msgSignature, timestamp, nonce, encrypt);
        }
        catch (WeChatCryptoException ex)
        {
            throw new CallbackRejectedException(ex.Error switch
            {
                WeChatCryptoError.ValidateSignature => CallbackRejection.BadSignature,
                WeChatCryptoError.ValidateReceiveId => CallbackRejection.WrongAccount,
                _ => CallbackRejection.BadCiphertext,
            });
        }
    }

    public static InboundMessage Parse(string xml, int maxBytes)
    {
        try
        {
            return InboundMessageParser.Parse(xml, maxBytes);
        }
        catch (WeChatXmlException)
        {
            throw new CallbackRejectedException(CallbackRejection.BadXml);
        }
    }

    /// <summary>Encrypts a plaintext passive reply into the signed envelope (PROTOCOL §1.5).</summary>
    public static string Seal(WeChatMessageCrypto crypto, string replyXml, TimeProvider time)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        return crypto.BuildEncryptedReply(replyXml, now, nonce);
    }
}
