using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WechatLogistics.Simulator.Cli;

/// <summary>
/// <c>hash-password</c>: the PBKDF2 hash the bot's <c>Auth:StaffAccounts</c> expect —
/// <c>PBKDF2-SHA256$iterations$salt$hash</c>, base64, a fresh 16-byte salt each time.
/// </summary>
public static class PasswordHasher
{
    public const int DefaultIterations = 100_000;

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"PBKDF2-SHA256${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }
}
