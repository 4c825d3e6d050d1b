using WechatLogistics.Wechat.Crypto;
using WechatLogistics.Wechat.Tests.Support;

namespace WechatLogistics.Wechat.Tests.Crypto;

public sealed partial class WeChatMessageCryptoTests
{
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

    [Fact]
    public void Decrypt_RandomAndMutatedCiphertexts_ThrowsOnlyWeChatCryptoException()
    {
        var random = new Random(20240501);
        var checking = Shared;
        var lenient = new WeChatMessageCrypto("QDG6eK", TestKey, string.Empty);
        var valid = Shared.Encrypt("<xml><Content><![CDATA[你好 fuzz]]></Content></xml>");
        var errors = new Dictionary<WeChatCryptoError, int>();
        var decrypted = 0;

        for (var i = 0; i < 4000; i++)
        {
            var input = NextFuzzInput(random, valid, i % 6);
            foreach (var crypto in new[] { checking, lenient })
            {
                try
                {
                    crypto.DecryptDetailed(input);
                    decrypted++;
                }
                catch (WeChatCryptoException ex)
                {
                    errors[ex.Error] = errors.GetValueOrDefault(ex.Error) + 1;
                }
                catch (Exception ex)
                {
                    Assert.Fail($"Iteration {i}: {ex.GetType().Name} escaped for input '{input}': {ex.Message}");
                }
            }
        }

        // The fuzz must reach every decoding stage, not stop at Base64.
        Assert.True(errors.ContainsKey(WeChatCryptoError.DecodeBase64));
        Assert.True(errors.ContainsKey(WeChatCryptoError.DecryptAes));
        Assert.True(errors.ContainsKey(WeChatCryptoError.IllegalBuffer));
        Assert.True(errors.ContainsKey(WeChatCryptoError.ValidateReceiveId));
        Assert.True(decrypted > 0);
    }

    private static string NextFuzzInput(Random random, string valid, int strategy)
    {
        switch (strategy)
        {
            case 0: // Arbitrary characters.
                return new string(Enumerable.Range(0, random.Next(0, 120)).Select(_ => (char)random.Next(0, 0x3000)).ToArray());
            case 1: // Base64 alphabet soup of any length.
                return new string(Enumerable.Range(0, random.Next(0, 200)).Select(_ => Base64Alphabet[random.Next(Base64Alphabet.Length)]).ToArray());
            case 2: // Valid Base64 of random bytes of any length.
                return Convert.ToBase64String(RandomBytes(random, random.Next(0, 300)));
            case 3: // Block-aligned random ciphertext.
                return Convert.ToBase64String(RandomBytes(random, 16 * random.Next(1, 20)));
            case 4: // A valid ciphertext with a few flipped bits.
                var bytes = Convert.FromBase64String(valid);
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return Convert.ToBase64String(bytes);
            default: // Correctly keyed random plaintext: exercises the pad, length and id checks.
                var plain = RandomBytes(random, 32 * random.Next(1, 6));
                if (random.Next(2) == 0)
                {
                    plain[^1] = (byte)random.Next(1, 33);
                    plain[16] = plain[17] = 0;
                }

                return RawCipher.Encrypt(TestKey, plain);
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
