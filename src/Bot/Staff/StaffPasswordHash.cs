using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// <c>PBKDF2-SHA256$iterations$salt$hash</c> (base64), as <c>wechat-sim hash-password</c> writes it. Verification is
/// constant-time, and an unknown user costs the same work as a wrong password.
/// </summary>
public static class StaffPasswordHash
{
    private const string Scheme = "PBKDF2-SHA256";
    private const int HashBytes = 32;

    /// <summary>Hashed when the user does not exist, so timing does not reveal account names.</summary>
    private static readonly string Decoy = Scheme + "$100000$AAAAAAAAAAAAAAAAAAAAAA==$" + Convert.ToBase64String(new byte[HashBytes]);

    public static bool IsWellFormed(string? stored) => TryParse(stored, out _, out _, out _);

    public static bool Verify(string password, string? stored)
    {
        if (!TryParse(stored, out var iterations, out var salt, out var expected))
        {
            TryParse(Decoy, out iterations, out salt, out expected);
            Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryParse(string? stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = stored?.Split('$');
        if (parts is not [Scheme, var count, var saltText, var hashText]
            || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 10_000)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(saltText);
            hash = Convert.FromBase64String(hashText);
            return salt.Length >= 16 && hash.Length == HashBytes;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
