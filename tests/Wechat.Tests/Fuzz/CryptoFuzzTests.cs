using System.Text;
using WechatLogistics.Wechat.Crypto;
using WechatLogistics.Wechat.Tests.Support;

namespace WechatLogistics.Wechat.Tests.Fuzz;

/// <summary>
/// Hostile ciphertexts (issue 7): Decrypt and VerifyAndDecrypt return a string or throw
/// <see cref="WeChatCryptoException"/>, nothing else; Encrypt → Decrypt is exact for any Unicode text.
/// </summary>
public sealed class CryptoFuzzTests
{
    private const string Key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string Token = "QDG6eK";
    private const string ReceiveId = "wx5823bf96d3bd56c7";
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

    private static readonly WeChatMessageCrypto Checking = new(Token, Key, ReceiveId);
    private static readonly WeChatMessageCrypto Lenient = new(Token, Key, string.Empty);

    [Fact]
    public async Task Decrypt_RandomAndMutatedCiphertexts_ReturnsAStringOrThrowsWeChatCryptoException()
    {
        var errors = new HashSet<WeChatCryptoError>();
        var decrypted = 0;

        await FuzzRun.ForAllAsync(9_001, 20_000, NextCiphertext, encrypt =>
        {
            foreach (var crypto in new[] { Checking, Lenient })
            {
                if (DecryptsOrRejects(() => crypto.Decrypt(encrypt), errors))
                {
                    decrypted++;
                }
            }
        }, encrypt => encrypt);

        // Every stage is reached: Base64, block length, pad, length field, receive id, and some inputs decrypt.
        Assert.Superset(
            new HashSet<WeChatCryptoError> { WeChatCryptoError.DecodeBase64, WeChatCryptoError.DecryptAes, WeChatCryptoError.IllegalBuffer, WeChatCryptoError.ValidateReceiveId },
            errors);
        Assert.True(decrypted > 100, $"only {decrypted} inputs decrypted");
    }

    [Fact]
    public async Task VerifyAndDecrypt_MutatedCiphertextsAndSignatures_ReturnsAStringOrThrowsWeChatCryptoException()
    {
        var errors = new HashSet<WeChatCryptoError>();

        await FuzzRun.ForAllAsync(9_002, 10_000, random =>
        {
            var encrypt = NextCiphertext(random);
            var timestamp = random.Next(3) == 0 ? RandomText(random, 30) : random.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var nonce = RandomText(random, 20);
            var signature = random.Next(3) switch
            {
                0 => WeChatSignature.Compute(Token, timestamp, nonce, encrypt), // Signed: reaches the decryption.
                1 => random.Next(2) == 0 ? null : RandomText(random, 60),
                _ => Mutate.OneChar(WeChatSignature.Compute(Token, timestamp, nonce, encrypt), random.Next(40)),
            };
            return (Signature: signature, Timestamp: timestamp, Nonce: nonce, Encrypt: encrypt);
        }, input => DecryptsOrRejects(() => Checking.VerifyAndDecrypt(input.Signature, input.Timestamp, input.Nonce, input.Encrypt), errors),
        input => $"signature '{input.Signature}', timestamp '{input.Timestamp}', nonce '{input.Nonce}', encrypt '{input.Encrypt}'");

        Assert.Contains(WeChatCryptoError.ValidateSignature, errors);
        Assert.Contains(WeChatCryptoError.IllegalBuffer, errors);
    }

    [Fact]
    public async Task EncryptThenDecrypt_RandomUnicodeUpTo5000Characters_RoundTripsExactly()
    {
        await FuzzRun.ForAllAsync(9_003, 3_000, random => RandomUnicode(random, random.Next(0, 5_001)), message =>
        {
            Assert.Equal(message, Checking.Decrypt(Checking.Encrypt(message)));
            Assert.Equal(message, Lenient.Decrypt(Lenient.Encrypt(message)));
        }, message => $"{message.Length} characters: {message}");
    }

    [Fact]
    public async Task BuildEncryptedReply_RandomUnicode_OpensWithItsOwnSignature()
    {
        await FuzzRun.ForAllAsync(9_004, 2_000, random => RandomUnicode(random, random.Next(0, 2_000)), message =>
        {
            var envelope = System.Xml.Linq.XElement.Parse(Checking.BuildEncryptedReply(message, "1714112445", "415670741"));
            var opened = Checking.VerifyAndDecrypt(
                (string?)envelope.Element("MsgSignature"), "1714112445", "415670741", (string)envelope.Element("Encrypt")!);
            Assert.Equal(message, opened);
        }, message => message);
    }

    /// <summary>Ciphertexts that fail at every stage, and a few that pass.</summary>
    private static string NextCiphertext(Random random)
    {
        switch (random.Next(10))
        {
            case 0: // Arbitrary characters.
                return RandomText(random, 200);
            case 1: // Base64 alphabet soup: bad length, misplaced '='.
                return new string(Enumerable.Range(0, random.Next(0, 200)).Select(_ => Base64Alphabet[random.Next(Base64Alphabet.Length)]).ToArray());
            case 2: // Valid Base64 of any length (not block-aligned, or empty).
                return Convert.ToBase64String(Bytes(random, random.Next(0, 300)));
            case 3: // Block-aligned garbage: decrypts to noise.
                return Convert.ToBase64String(Bytes(random, 16 * random.Next(1, 40)));
            case 4: // A real ciphertext with flipped bits.
                var flipped = Convert.FromBase64String(Real(random));
                for (var flips = random.Next(1, 6); flips > 0; flips--)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                }

                return Convert.ToBase64String(flipped);
            case 5: // A real ciphertext truncated as bytes (often still block-aligned) or as text.
                var real = Real(random);
                if (random.Next(2) == 0)
                {
                    return real[..random.Next(real.Length + 1)];
                }

                var bytes = Convert.FromBase64String(real);
                return Convert.ToBase64String(bytes, 0, random.Next(2) == 0 ? 16 * random.Next(0, (bytes.Length / 16) + 1) : random.Next(bytes.Length + 1));
            case 6: // Broken Base64 around a real value: spaces, URL-safe characters, missing or extra padding.
                var text = Real(random);
                return random.Next(5) switch
                {
                    0 => text.Insert(random.Next(text.Length), " "),
                    1 => text.Replace('+', '-').Replace('/', '_'),
                    2 => text.TrimEnd('='),
                    3 => text + "==",
                    _ => text.Insert(random.Next(text.Length), "*"),
                };
            case 7: // A lying length field: zero, huge, one past the buffer, or random.
                var declared = random.Next(4) switch
                {
                    0 => 0u,
                    1 => uint.MaxValue - (uint)random.Next(10),
                    2 => (uint)random.Next(1, 200),
                    _ => (uint)random.Next(int.MaxValue),
                };
                return RawCipher.Encrypt(Key, RawCipher.FullStr(RandomUnicode(random, random.Next(0, 60)), ReceiveId, declaredLength: declared));
            case 8: // A bad pad byte: 0, 33..255, or a valid one.
                var pad = random.Next(3) switch { 0 => 0, 1 => random.Next(33, 256), _ => random.Next(1, 33) };
                return RawCipher.Encrypt(Key, RawCipher.FullStr(RandomUnicode(random, random.Next(0, 60)), ReceiveId, padByte: pad));
            default: // Valid, another receive id, or a message that is not UTF-8.
                var message = RandomUnicode(random, random.Next(0, 100));
                return random.Next(3) switch
                {
                    0 => Checking.Encrypt(message),
                    1 => new WeChatMessageCrypto(Token, Key, RandomText(random, 20)).Encrypt(message),
                    _ => RawCipher.Encrypt(Key, InvalidUtf8FullStr(random)),
                };
        }
    }

    private static bool DecryptsOrRejects(Func<string> decrypt, HashSet<WeChatCryptoError> errors)
    {
        try
        {
            Assert.NotNull(decrypt());
            return true;
        }
        catch (WeChatCryptoException ex)
        {
            errors.Add(ex.Error);
            return false;
        }
    }

    private static string Real(Random random) => Checking.Encrypt(RandomUnicode(random, random.Next(0, 300)));

    private static byte[] InvalidUtf8FullStr(Random random)
    {
        var full = RawCipher.FullStr(new string('x', 8), ReceiveId);
        for (var i = 20; i < 28; i++)
        {
            full[i] = (byte)random.Next(0x80, 0x100);
        }

        return full;
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random random, int maxLength) =>
        new(Enumerable.Range(0, random.Next(0, maxLength + 1)).Select(_ => (char)random.Next(0, 0x10000)).ToArray());

    /// <summary>Valid Unicode (no lone surrogates, which UTF-8 cannot carry): ASCII, CJK, emoji, controls, U+0000.</summary>
    public static string RandomUnicode(Random random, int length)
    {
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            var scalar = random.Next(6) switch
            {
                0 => random.Next(0, 0x80),
                1 => random.Next(0x4E00, 0xA000),
                2 => random.Next(0x1F300, 0x1FAFF),
                3 => random.Next(0x10000, 0x110000),
                _ => random.Next(0, 0xD800),
            };
            if (builder.Length + (scalar > 0xFFFF ? 2 : 1) > length)
            {
                scalar = random.Next(0x20, 0x7F);
            }

            builder.Append(char.ConvertFromUtf32(scalar));
        }

        return builder.ToString();
    }
}
