using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WechatLogistics.Wechat.Crypto;

public sealed partial class WeChatMessageCrypto
{
    /// <summary>Encrypts <paramref name="message"/> with 16 random bytes from <see cref="RandomNumberGenerator"/>.</summary>
    public string Encrypt(string message)
    {
        Span<byte> random = stackalloc byte[RandomLength];
        RandomNumberGenerator.Fill(random);
        return Encrypt(message, random);
    }

    /// <summary>Encrypts with a fixed 16-byte random prefix (known-answer tests).</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> random16)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (random16.Length != RandomLength)
        {
            throw new ArgumentException($"The random prefix must be {RandomLength} bytes.", nameof(random16));
        }

        var messageLength = Encoding.UTF8.GetByteCount(message);
        var fullLength = HeaderLength + messageLength + _receiveIdBytes.Length;
        var paddedLength = Pkcs7Padding32.PaddedLength(fullLength);
        var plain = ArrayPool<byte>.Shared.Rent(paddedLength);
        var cipher = ArrayPool<byte>.Shared.Rent(paddedLength);
        var aes = _aes.Rent();
        try
        {
            random16.CopyTo(plain);
            BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(RandomLength), (uint)messageLength);
            Encoding.UTF8.GetBytes(message, plain.AsSpan(HeaderLength));
            _receiveIdBytes.CopyTo(plain.AsSpan(HeaderLength + messageLength));
            Pkcs7Padding32.Pad(plain, fullLength);

            var written = aes.EncryptCbc(plain.AsSpan(0, paddedLength), _iv, cipher, PaddingMode.None);
            return Convert.ToBase64String(cipher, 0, written);
        }
        catch (CryptographicException ex)
        {
            throw new WeChatCryptoException(WeChatCryptoError.EncryptAes, "AES encryption failed.", ex);
        }
        finally
        {
            _aes.Return(aes);
            ArrayPool<byte>.Shared.Return(plain, clearArray: true);
            ArrayPool<byte>.Shared.Return(cipher);
        }
    }

    /// <summary>
    /// Decrypts an Encrypt / echostr value and returns msg, byte-exact (never trimmed). Checks the
    /// receive id unless <see cref="ReceiveId"/> is "". Throws only <see cref="WeChatCryptoException"/>.
    /// </summary>
    public string Decrypt(string encryptBase64) => DecryptCore(encryptBase64, detailed: false, out _);

    /// <summary>As <see cref="Decrypt"/>, returning every part of FullStr (tests, diagnostics).</summary>
    public DecryptedPayload DecryptDetailed(string encryptBase64)
    {
        DecryptCore(encryptBase64, detailed: true, out var payload);
        return payload!;
    }

    private string DecryptCore(string? encryptBase64, bool detailed, out DecryptedPayload? payload)
    {
        if (encryptBase64 is null)
        {
            throw new WeChatCryptoException(WeChatCryptoError.DecodeBase64, "The ciphertext is missing.");
        }

        // Base64 never decodes to more than 3 bytes per 4 characters.
        var cipher = ArrayPool<byte>.Shared.Rent(Math.Max(16, (encryptBase64.Length / 4 * 3) + 3));
        byte[]? plain = null;
        try
        {
            if (!Convert.TryFromBase64String(encryptBase64, cipher, out var cipherLength))
            {
                throw new WeChatCryptoException(WeChatCryptoError.DecodeBase64, "The ciphertext is not valid Base64.");
            }

            if (cipherLength == 0 || cipherLength % 16 != 0)
            {
                throw new WeChatCryptoException(
                    WeChatCryptoError.DecryptAes, $"Ciphertext length {cipherLength} is not a positive multiple of 16.");
            }

            plain = ArrayPool<byte>.Shared.Rent(cipherLength);
            var decrypted = DecryptBlocks(cipher.AsSpan(0, cipherLength), plain);
            return ParseFullStr(decrypted, detailed, out payload);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(cipher);
            if (plain is not null)
            {
                ArrayPool<byte>.Shared.Return(plain, clearArray: true);
            }
        }
    }

    private ReadOnlySpan<byte> DecryptBlocks(ReadOnlySpan<byte> cipher, byte[] destination)
    {
        var aes = _aes.Rent();
        try
        {
            var written = aes.DecryptCbc(cipher, _iv, destination, PaddingMode.None);
            return destination.AsSpan(0, written);
        }
        catch (CryptographicException ex)
        {
            throw new WeChatCryptoException(WeChatCryptoError.DecryptAes, "AES decryption failed.", ex);
        }
        finally
        {
            _aes.Return(aes);
        }
    }

    private string ParseFullStr(ReadOnlySpan<byte> decrypted, bool detailed, out DecryptedPayload? payload)
    {
        var fullLength = Pkcs7Padding32.Unpad(decrypted);
        if (fullLength < HeaderLength)
        {
            throw new WeChatCryptoException(WeChatCryptoError.IllegalBuffer, "The decrypted buffer is too short.");
        }

        var messageLength = BinaryPrimitives.ReadUInt32BigEndian(decrypted[RandomLength..HeaderLength]);
        if (messageLength > (uint)(fullLength - HeaderLength))
        {
            throw new WeChatCryptoException(
                WeChatCryptoError.IllegalBuffer, "The message length field exceeds the decrypted buffer.");
        }

        var messageEnd = HeaderLength + (int)messageLength;
        var receiveId = decrypted[messageEnd..fullLength];
        if (_receiveIdBytes.Length != 0 && !receiveId.SequenceEqual(_receiveIdBytes))
        {
            throw new WeChatCryptoException(
                WeChatCryptoError.ValidateReceiveId, "The receive id (AppID/CorpID) does not match.");
        }

        var message = Encoding.UTF8.GetString(decrypted[HeaderLength..messageEnd]);
        payload = detailed
            ? new DecryptedPayload(
                message,
                Encoding.UTF8.GetString(receiveId),
                Encoding.Latin1.GetString(decrypted[..RandomLength]),
                (int)messageLength,
                fullLength,
                decrypted.Length,
                decrypted[^1])
            : null;
        return message;
    }
}
