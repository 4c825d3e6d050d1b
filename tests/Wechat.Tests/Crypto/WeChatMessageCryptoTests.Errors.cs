using System.Text;
using WechatLogistics.Wechat.Crypto;
using WechatLogistics.Wechat.Tests.Support;

namespace WechatLogistics.Wechat.Tests.Crypto;

public sealed partial class WeChatMessageCryptoTests
{
    [Theory]
    [InlineData("%%%%")]
    [InlineData("abc")]
    [InlineData("QUJD$A==")]
    [InlineData("=AAA")]
    [InlineData("RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3Q==x")]
    public void Decrypt_BrokenBase64_ThrowsDecodeBase64(string encrypt)
    {
        AssertCryptoError(WeChatCryptoError.DecodeBase64, () => Shared.Decrypt(encrypt));
    }

    [Fact]
    public void Decrypt_Null_ThrowsDecodeBase64()
    {
        AssertCryptoError(WeChatCryptoError.DecodeBase64, () => Shared.Decrypt(null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Decrypt_EmptyCiphertext_ThrowsDecryptAes(string encrypt)
    {
        AssertCryptoError(WeChatCryptoError.DecryptAes, () => Shared.Decrypt(encrypt));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    public void Decrypt_CiphertextTruncatedOffBlockBoundary_ThrowsDecryptAes(int bytesRemoved)
    {
        var cipher = Convert.FromBase64String(Shared.Encrypt("hello"));
        var truncated = Convert.ToBase64String(cipher, 0, cipher.Length - bytesRemoved);

        AssertCryptoError(WeChatCryptoError.DecryptAes, () => Shared.Decrypt(truncated));
    }

    [Fact]
    public void Decrypt_CiphertextMissingLastBlock_ThrowsWithoutReturningText()
    {
        var cipher = Convert.FromBase64String(Shared.Encrypt(new string('m', 40), Encoding.ASCII.GetBytes("0123456789abcdef")));
        var truncated = Convert.ToBase64String(cipher, 0, cipher.Length - 16);

        var error = Assert.Throws<WeChatCryptoException>(() => Shared.Decrypt(truncated));

        Assert.Contains(error.Error, new[] { WeChatCryptoError.IllegalBuffer, WeChatCryptoError.ValidateReceiveId });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(255)]
    public void Decrypt_PadByteOutside1To32_ThrowsIllegalBuffer(int padByte)
    {
        var encrypt = RawCipher.Encrypt(TestKey, RawCipher.FullStr("hello", TestReceiveId, padByte: padByte));

        AssertCryptoError(WeChatCryptoError.IllegalBuffer, () => Shared.Decrypt(encrypt));
    }

    [Theory]
    [InlineData(6u)]
    [InlineData(1000u)]
    [InlineData(uint.MaxValue)]
    public void Decrypt_LengthFieldLargerThanBuffer_ThrowsIllegalBuffer(uint declaredLength)
    {
        // 5 message bytes and no receive id follow the header: any declared length above 5 overruns.
        var encrypt = RawCipher.Encrypt(TestKey, RawCipher.FullStr("hello", string.Empty, declaredLength));

        AssertCryptoError(WeChatCryptoError.IllegalBuffer, () => Shared.Decrypt(encrypt));
    }

    [Fact]
    public void Decrypt_BufferShorterThanHeader_ThrowsIllegalBuffer()
    {
        var block = new byte[32];
        block[^1] = 20; // 12 bytes left after the pad: less than random(16) + length(4).

        AssertCryptoError(WeChatCryptoError.IllegalBuffer, () => Shared.Decrypt(RawCipher.Encrypt(TestKey, block)));
    }

    [Fact]
    public void Decrypt_CiphertextFromAnotherKey_ThrowsCryptoError()
    {
        var other = new WeChatMessageCrypto("QDG6eK", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", TestReceiveId);
        var encrypt = other.Encrypt("<xml>hello</xml>", Encoding.ASCII.GetBytes("aaaabbbbccccdddd"));

        var error = Assert.Throws<WeChatCryptoException>(() => Shared.Decrypt(encrypt));

        Assert.Contains(error.Error, new[] { WeChatCryptoError.IllegalBuffer, WeChatCryptoError.ValidateReceiveId });
    }

    [Theory]
    [InlineData("")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2CD")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2*")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B=C")]
    public void Constructor_KeyNot43Base64Characters_ThrowsIllegalAesKey(string encodingAesKey)
    {
        var error = AssertCryptoError(
            WeChatCryptoError.IllegalAesKey, () => new WeChatMessageCrypto("token", encodingAesKey, TestReceiveId));

        Assert.Equal(-40004, error.Code);
    }

    [Fact]
    public void Constructor_NullKey_ThrowsIllegalAesKey()
    {
        AssertCryptoError(WeChatCryptoError.IllegalAesKey, () => new WeChatMessageCrypto("token", null!, TestReceiveId));
    }

    private static WeChatCryptoException AssertCryptoError(WeChatCryptoError expected, Func<object?> action)
    {
        var error = Assert.Throws<WeChatCryptoException>(action);
        Assert.Equal(expected, error.Error);
        return error;
    }
}
