namespace WechatLogistics.Wechat.Crypto;

/// <summary>
/// PKCS#7 with a 32-byte block (PROTOCOL §0.3, §1.4). .NET's PaddingMode.PKCS7 only knows 1..16 and
/// throws on real traffic (the official WeCom sample ends in pad byte 30), so AES runs with
/// PaddingMode.None and the pad is added and checked here.
/// </summary>
internal static class Pkcs7Padding32
{
    public const int BlockSize = 32;

    /// <summary>Total length after padding: always adds 1..32 bytes.</summary>
    public static int PaddedLength(int length) => length + PadLength(length);

    public static int PadLength(int length) => BlockSize - (length % BlockSize);

    /// <summary>Writes the pad after <paramref name="length"/> bytes of <paramref name="buffer"/>.</summary>
    public static int Pad(Span<byte> buffer, int length)
    {
        var pad = PadLength(length);
        buffer.Slice(length, pad).Fill((byte)pad);
        return length + pad;
    }

    /// <summary>
    /// Returns the length without the pad. As in the samples only the last byte is read; a value
    /// outside 1..32 (or longer than the buffer) is an IllegalBuffer error, never a crash.
    /// </summary>
    public static int Unpad(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            throw new WeChatCryptoException(WeChatCryptoError.IllegalBuffer, "The decrypted buffer is empty.");
        }

        int pad = buffer[^1];
        if (pad is < 1 or > BlockSize || pad > buffer.Length)
        {
            throw new WeChatCryptoException(
                WeChatCryptoError.IllegalBuffer, $"Invalid PKCS#7 pad byte {pad} (expected 1..{BlockSize}).");
        }

        return buffer.Length - pad;
    }
}
