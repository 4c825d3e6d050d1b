using WechatLogistics.Wechat.Crypto;

namespace WechatLogistics.Wechat.Tests.Fuzz;

/// <summary>PROTOCOL §1.4: PKCS#7 with a 32-byte block — always adds 1..32 bytes; refuses any other last byte.</summary>
public sealed class Pkcs7Padding32FuzzTests
{
    [Fact]
    public async Task PadThenUnpad_AnyLength_RestoresTheLengthWithA1To32BytePad()
    {
        await FuzzRun.ForAllAsync(11_001, 20_000, random => random.Next(4) == 0 ? random.Next(0, 100) : random.Next(0, 70_000), length =>
        {
            var buffer = new byte[Pkcs7Padding32.PaddedLength(length)];
            var padded = Pkcs7Padding32.Pad(buffer, length);
            var pad = padded - length;

            Assert.Equal(buffer.Length, padded);
            Assert.Equal(0, padded % Pkcs7Padding32.BlockSize);
            Assert.InRange(pad, 1, Pkcs7Padding32.BlockSize);
            Assert.All(buffer[length..], b => Assert.Equal(pad, b));
            Assert.Equal(length, Pkcs7Padding32.Unpad(buffer));
        }, length => $"length {length}");
    }

    [Fact]
    public async Task Unpad_LastByteOutside1To32OrLongerThanTheBuffer_ThrowsIllegalBuffer()
    {
        await FuzzRun.ForAllAsync(11_002, 20_000, random =>
        {
            var buffer = new byte[random.Next(0, 200)];
            random.NextBytes(buffer);
            return buffer;
        }, buffer =>
        {
            var last = buffer.Length == 0 ? -1 : buffer[^1];
            if (last is >= 1 and <= Pkcs7Padding32.BlockSize && last <= buffer.Length)
            {
                Assert.Equal(buffer.Length - last, Pkcs7Padding32.Unpad(buffer));
            }
            else
            {
                var ex = Assert.Throws<WeChatCryptoException>(() => Pkcs7Padding32.Unpad(buffer));
                Assert.Equal(WeChatCryptoError.IllegalBuffer, ex.Error);
            }
        }, buffer => Convert.ToHexString(buffer));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(255)]
    public void Unpad_BadPadByte_ThrowsIllegalBuffer(byte pad)
    {
        var buffer = new byte[64];
        buffer.AsSpan().Fill(pad);

        Assert.Equal(WeChatCryptoError.IllegalBuffer, Assert.Throws<WeChatCryptoException>(() => Pkcs7Padding32.Unpad(buffer)).Error);
    }
}
