using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace WechatLogistics.Wechat.Crypto;

/// <summary>
/// WeChat callback signatures (PROTOCOL §0.1, §1.2, §1.3): sort ordinally, concatenate without a
/// separator, SHA-1 over the UTF-8 bytes, lowercase hex. Three fields (token, timestamp, nonce) for
/// <c>signature</c>; four (plus Encrypt / echostr) for <c>msg_signature</c>.
/// </summary>
public static class WeChatSignature
{
    /// <summary>Length of a signature: SHA-1 as lowercase hex.</summary>
    public const int Length = SHA1.HashSizeInBytes * 2;

    private const int StackLimit = 1024;

    /// <summary>Computes the lowercase hex signature of <paramref name="parts"/>.</summary>
    public static string Compute(params ReadOnlySpan<string> parts)
    {
        Span<byte> hex = stackalloc byte[Length];
        ComputeHex(parts, hex);
        return Encoding.ASCII.GetString(hex);
    }

    /// <summary>The SHA-1 input: the parts sorted ordinally and concatenated.</summary>
    public static string SortedConcat(params ReadOnlySpan<string> parts) => string.Concat(Sort(parts));

    /// <summary>
    /// Constant-time check of <paramref name="expected"/> (the query value) against the signature of
    /// <paramref name="parts"/>. Null, empty, wrong length or a null part give false, never an exception.
    /// </summary>
    public static bool Verify(string? expected, params ReadOnlySpan<string> parts)
    {
        if (expected is null || expected.Length != Length)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part is null)
            {
                return false;
            }
        }

        Span<byte> actual = stackalloc byte[Length];
        ComputeHex(parts, actual);

        Span<byte> given = stackalloc byte[Length];
        for (var i = 0; i < Length; i++)
        {
            // Non-ASCII chars map to a byte that can never be lowercase hex, so the comparison fails.
            var c = expected[i];
            given[i] = c < 0x80 ? (byte)c : (byte)0;
        }

        return CryptographicOperations.FixedTimeEquals(actual, given);
    }

    private static void ComputeHex(ReadOnlySpan<string> parts, Span<byte> hexDestination)
    {
        var sorted = Sort(parts);
        var byteCount = 0;
        foreach (var part in sorted)
        {
            byteCount += Encoding.UTF8.GetByteCount(part);
        }

        byte[]? rented = null;
        Span<byte> buffer = byteCount <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            var written = 0;
            foreach (var part in sorted)
            {
                written += Encoding.UTF8.GetBytes(part, buffer[written..]);
            }

            Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
            SHA1.HashData(buffer[..written], hash);
            WriteLowerHex(hash, hexDestination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static string[] Sort(ReadOnlySpan<string> parts)
    {
        var sorted = parts.ToArray();
        foreach (var part in sorted)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
        }

        // Ordinal, never culture-sensitive (PROTOCOL §0.1): "1714037059" sorts before "486452656".
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    private static void WriteLowerHex(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        const string digits = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = (byte)digits[bytes[i] >> 4];
            destination[(2 * i) + 1] = (byte)digits[bytes[i] & 0xF];
        }
    }
}
