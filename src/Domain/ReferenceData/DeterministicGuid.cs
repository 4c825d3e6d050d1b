using System.Security.Cryptography;
using System.Text;

namespace WechatLogistics.Domain.ReferenceData;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5): the same name always gives the same id, so seeding reference
/// data twice updates rows instead of duplicating them. SHA-1 here is an identifier, not a security measure.
/// </summary>
public static class DeterministicGuid
{
    /// <summary>The namespace of this project's seeded ids. Changing it changes every seeded id.</summary>
    public static readonly Guid Namespace = new("8f5d6a2e-41c7-4b0a-9e3d-5a6b7c8d9e0f");

    public static Guid Create(string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
