using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WechatLogistics.Wechat.Tests.Support;

/// <summary>
/// Builds ciphertexts by hand (bypassing the library) so tests can feed broken layouts: bad pad bytes,
/// lying length fields, short buffers.
/// </summary>
public static class RawCipher
{
    public static byte[] Key(string encodingAesKey) => Convert.FromBase64String(encodingAesKey + "=");

    /// <summary>AES-256-CBC, IV = key[0..16], no padding: <paramref name="plain"/> must be block-aligned.</summary>
    public static string Encrypt(string encodingAesKey, byte[] plain)
    {
        using var aes = Aes.Create();
        aes.Key = Key(encodingAesKey);
        return Convert.ToBase64String(aes.EncryptCbc(plain, aes.Key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>random(16) ‖ declaredLength (BE) ‖ msg ‖ receiveId, padded to 32 with <paramref name="padByte"/>.</summary>
    public static byte[] FullStr(string message, string receiveId, uint? declaredLength = null, int? padByte = null)
    {
        var msg = Encoding.UTF8.GetBytes(message);
        var id = Encoding.UTF8.GetBytes(receiveId);
        var length = 20 + msg.Length + id.Length;
        var padLength = 32 - (length % 32);
        var buffer = new byte[length + padLength];
        Encoding.ASCII.GetBytes("0123456789abcdef").CopyTo(buffer, 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(16), declaredLength ?? (uint)msg.Length);
        msg.CopyTo(buffer, 20);
        id.CopyTo(buffer, 20 + msg.Length);
        buffer.AsSpan(length).Fill((byte)(padByte ?? padLength));
        return buffer;
    }
}
