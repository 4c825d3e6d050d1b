using WechatLogistics.Wechat.Crypto;
using WechatLogistics.Wechat.Tests.Support;
using WechatLogistics.Wechat.Tests.Vectors;

namespace WechatLogistics.Wechat.Tests.Crypto;

/// <summary>Negative tests derived from every vector (PROTOCOL §6.1, last paragraph).</summary>
public sealed partial class WeChatMessageCryptoTests
{
    [Theory]
    [MemberData(nameof(VectorData.WithMsgSignature), MemberType = typeof(VectorData))]
    public void VerifyAndDecrypt_MsgSignatureOneCharChanged_ThrowsValidateSignature(string id)
    {
        var v = VectorFile.Get(id);
        var crypto = CryptoFor(v);
        var tampered = Mutate.OneChar(v.Require(v.MsgSignature, "msgSignature"), 5);

        var error = Assert.Throws<WeChatCryptoException>(
            () => crypto.VerifyAndDecrypt(tampered, v.Timestamp!, v.Nonce!, CiphertextOf(v)));

        Assert.Equal(WeChatCryptoError.ValidateSignature, error.Error);
        Assert.Equal(-40001, error.Code);
    }

    [Theory]
    [MemberData(nameof(VectorData.WithMsgSignature), MemberType = typeof(VectorData))]
    public void VerifyAndDecrypt_BadSignatureOverUndecryptableInput_ReportsSignatureBeforeDecrypting(string id)
    {
        var v = VectorFile.Get(id);
        var crypto = CryptoFor(v);

        // Were decryption attempted first, this input would fail with DecodeBase64.
        var error = Assert.Throws<WeChatCryptoException>(
            () => crypto.VerifyAndDecrypt(v.MsgSignature, v.Timestamp!, v.Nonce!, "%%% not base64 %%%"));

        Assert.Equal(WeChatCryptoError.ValidateSignature, error.Error);
    }

    [Theory]
    [MemberData(nameof(VectorData.WithMsgSignature), MemberType = typeof(VectorData))]
    public void VerifyAndDecrypt_EncryptOneCharChanged_ThrowsValidateSignature(string id)
    {
        var v = VectorFile.Get(id);
        var crypto = CryptoFor(v);
        var tampered = Mutate.OneChar(CiphertextOf(v), 10);

        var error = Assert.Throws<WeChatCryptoException>(
            () => crypto.VerifyAndDecrypt(v.MsgSignature, v.Timestamp!, v.Nonce!, tampered));

        Assert.Equal(WeChatCryptoError.ValidateSignature, error.Error);
    }

    [Theory]
    [MemberData(nameof(VectorData.WithCiphertext), MemberType = typeof(VectorData))]
    public void Decrypt_ReceiveIdOneCharChanged_ThrowsValidateReceiveId(string id)
    {
        var v = VectorFile.Get(id);
        var receiveId = v.Require(v.ReceiveId, "receiveId");
        var crypto = new WeChatMessageCrypto(
            v.Token ?? "unused-token", v.EncodingAesKey!, Mutate.OneChar(receiveId, receiveId.Length - 1));

        var error = Assert.Throws<WeChatCryptoException>(() => crypto.Decrypt(CiphertextOf(v)));

        Assert.Equal(WeChatCryptoError.ValidateReceiveId, error.Error);
        Assert.Equal(-40005, error.Code);
        if (v.MsgSignature is not null)
        {
            var viaVerify = Assert.Throws<WeChatCryptoException>(
                () => crypto.VerifyAndDecrypt(v.MsgSignature, v.Timestamp!, v.Nonce!, CiphertextOf(v)));
            Assert.Equal(WeChatCryptoError.ValidateReceiveId, viaVerify.Error);
        }
    }

    [Theory]
    [MemberData(nameof(VectorData.WithCiphertext), MemberType = typeof(VectorData))]
    public void DecryptDetailed_EmptyConfiguredReceiveId_SkipsCheckAndReportsFoundId(string id)
    {
        // WeCom robots and personal third-party apps use receiveid "" (PROTOCOL §5.1).
        var v = VectorFile.Get(id);
        var crypto = new WeChatMessageCrypto("unused-token", v.Require(v.EncodingAesKey, "encodingAesKey"), "");

        var payload = crypto.DecryptDetailed(CiphertextOf(v));

        Assert.Equal(v.ReceiveId, payload.ReceiveId);
    }

    private static string CiphertextOf(WeChatVector v) =>
        v.Require(v.Encrypt ?? v.Echostr ?? v.ExpectedEncrypt, "encrypt/echostr/expectedEncrypt");
}
