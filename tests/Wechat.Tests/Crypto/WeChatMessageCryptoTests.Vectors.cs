using System.Text;
using WechatLogistics.Wechat.Crypto;
using WechatLogistics.Wechat.Messages;
using WechatLogistics.Wechat.Tests.Support;
using WechatLogistics.Wechat.Tests.Vectors;

namespace WechatLogistics.Wechat.Tests.Crypto;

/// <summary>Known-answer tests per PROTOCOL §6.1, one theory per vector kind.</summary>
public sealed partial class WeChatMessageCryptoTests
{
    [Theory]
    [MemberData(nameof(VectorData.OfKind), "verify-url", MemberType = typeof(VectorData))]
    public void VerifyAndDecrypt_VerifyUrlVector_ReturnsReplyBody(string id)
    {
        var v = VectorFile.Get(id);
        var crypto = CryptoFor(v);
        var echostr = v.Require(v.Echostr, "echostr");

        Assert.True(crypto.VerifyMsgSignature(v.MsgSignature, v.Timestamp!, v.Nonce!, echostr));
        var payload = crypto.DecryptDetailed(echostr);
        Assert.Equal(v.Plaintext, payload.Message);
        Assert.Equal(v.ReceiveId, payload.ReceiveId);
        Assert.Equal(v.ExpectedPadByte, payload.PadByte);
        Assert.Equal(v.Plaintext, crypto.VerifyAndDecrypt(v.MsgSignature, v.Timestamp!, v.Nonce!, echostr));
    }

    [Theory]
    [MemberData(nameof(VectorData.OfKindWithQuery), "verify-url", MemberType = typeof(VectorData))]
    public void VerifyAndDecrypt_VerifyUrlRequestQuery_UrlDecodesToSameValues(string id)
    {
        var v = VectorFile.Get(id);
        var query = QueryString.Parse(v.Require(v.RequestQuery, "requestQuery"));

        Assert.Equal(v.MsgSignature, query["msg_signature"]);
        Assert.Equal(v.Timestamp, query["timestamp"]);
        Assert.Equal(v.Nonce, query["nonce"]);
        Assert.Equal(v.Echostr, query["echostr"]);
        var body = CryptoFor(v).VerifyAndDecrypt(
            query["msg_signature"], query["timestamp"], query["nonce"], query["echostr"]);
        Assert.Equal(v.Plaintext, body);
    }

    [Theory]
    [MemberData(nameof(VectorData.OfKind), "decrypt", MemberType = typeof(VectorData))]
    public void DecryptDetailed_DecryptVector_ReturnsExactPlaintextReceiveIdAndPad(string id)
    {
        var v = VectorFile.Get(id);
        var crypto = CryptoFor(v);
        var encrypt = EncryptOf(v);

        Assert.True(crypto.VerifyMsgSignature(v.MsgSignature, v.Timestamp!, v.Nonce!, encrypt));
        var payload = crypto.DecryptDetailed(encrypt);
        Assert.Equal(v.Plaintext, payload.Message);
        Assert.Equal(v.ReceiveId, payload.ReceiveId);
        Assert.Equal(v.ExpectedPadByte, payload.PadByte);
        Assert.Equal(Encoding.UTF8.GetByteCount(v.Plaintext!), payload.MessageLength);
        Assert.Equal(v.Plaintext, crypto.VerifyAndDecrypt(v.MsgSignature, v.Timestamp!, v.Nonce!, encrypt));
    }

    [Theory]
    [MemberData(nameof(VectorData.OfKind), "encrypt", MemberType = typeof(VectorData))]
    public void Encrypt_EncryptVectorWithFixedRandom_ProducesExpectedCiphertextAndDecryptsBack(string id)
    {
        var v = VectorFile.Get(id);
        var crypto = CryptoFor(v);
        var plaintext = v.Require(v.Plaintext, "plaintext");
        var random = v.Require(v.RandomAscii, "randomAscii");

        var encrypt = crypto.Encrypt(plaintext, Encoding.ASCII.GetBytes(random));

        Assert.Equal(v.ExpectedEncrypt, encrypt);
        var payload = crypto.DecryptDetailed(encrypt);
        Assert.Equal(plaintext, payload.Message);
        Assert.Equal(random, payload.RandomAscii);
        Assert.Equal(Encoding.UTF8.GetByteCount(plaintext), payload.MessageLength);
        Assert.Equal(v.ExpectedPadByte, payload.PadByte);
    }

    [Theory]
    [MemberData(nameof(VectorData.OfKind), "round-trip", MemberType = typeof(VectorData))]
    public void DecryptDetailed_RoundTripRequest_MatchesSignaturesRandomAndLengths(string id)
    {
        var v = VectorFile.Get(id);
        var crypto = CryptoFor(v);
        var encrypt = EncryptOf(v);
        var query = QueryString.Parse(v.Require(v.RequestQuery, "requestQuery"));

        Assert.Equal(v.Signature, query["signature"]);
        Assert.Equal(v.MsgSignature, query["msg_signature"]);
        Assert.True(WeChatSignature.Verify(query["signature"], crypto.Token, query["timestamp"], query["nonce"]));
        Assert.True(crypto.VerifyMsgSignature(query["msg_signature"], query["timestamp"], query["nonce"], encrypt));

        var payload = crypto.DecryptDetailed(encrypt);
        Assert.Equal(v.Plaintext, payload.Message);
        Assert.Equal(v.ReceiveId, payload.ReceiveId);
        Assert.Equal(v.ExpectedRandomAscii, payload.RandomAscii);
        Assert.Equal(v.ExpectedMsgLength, payload.MessageLength);
        Assert.Equal(v.ExpectedFullLength, payload.FullLength);
        Assert.Equal(v.ExpectedCipherLength, payload.CipherLength);
        Assert.Equal(v.ExpectedPadByte, payload.PadByte);
    }

    [Theory]
    [MemberData(nameof(VectorData.OfKind), "round-trip", MemberType = typeof(VectorData))]
    public void Encrypt_RoundTripReply_MatchesExpectedEncryptAndMsgSignature(string id)
    {
        var v = VectorFile.Get(id);
        var crypto = CryptoFor(v);
        var reply = v.Reply ?? throw new InvalidOperationException($"Vector {id} has no reply.");
        var random = Encoding.ASCII.GetBytes(reply.RandomAscii);

        var encrypt = crypto.Encrypt(reply.Plaintext, random);

        Assert.Equal(reply.ExpectedEncrypt, encrypt);
        Assert.Equal(reply.ExpectedMsgSignature, WeChatSignature.Compute(crypto.Token, reply.Timestamp, reply.Nonce, encrypt));
        Assert.Equal(reply.ExpectedPadByte, crypto.DecryptDetailed(encrypt).PadByte);

        var envelope = crypto.BuildEncryptedReply(reply.Plaintext, reply.Timestamp, reply.Nonce, random);
        Assert.Equal(reply.ExpectedEncrypt, XmlElements.Single(envelope, "xml/Encrypt"));
        Assert.Equal(reply.ExpectedMsgSignature, XmlElements.Single(envelope, "xml/MsgSignature"));
        Assert.Equal(reply.Timestamp, XmlElements.Single(envelope, "xml/TimeStamp"));
        Assert.Equal(reply.Nonce, XmlElements.Single(envelope, "xml/Nonce"));
    }

    private static WeChatMessageCrypto CryptoFor(WeChatVector v) =>
        new(v.Token ?? "unused-token", v.Require(v.EncodingAesKey, "encodingAesKey"), v.Require(v.ReceiveId, "receiveId"));

    /// <summary>The request's Encrypt: from postBody through the envelope parser when present (PROTOCOL §6.1).</summary>
    private static string EncryptOf(WeChatVector v)
    {
        if (v.PostBody is null)
        {
            return v.Require(v.Encrypt ?? v.Echostr, "encrypt");
        }

        var fromBody = CallbackEnvelopeParser.Parse(v.PostBody).Encrypt;
        Assert.NotNull(fromBody);
        if (v.Encrypt is not null)
        {
            Assert.Equal(v.Encrypt, fromBody);
        }

        return fromBody;
    }
}
