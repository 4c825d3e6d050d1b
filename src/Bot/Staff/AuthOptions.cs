using System.ComponentModel.DataAnnotations;
using System.Text;

namespace WechatLogistics.Bot.Staff;

/// <summary>
/// The staff API's tokens and accounts, section <c>Auth</c>. The signing key signs our own short-lived JWTs (HMAC-SHA256),
/// so it must be at least 32 bytes; accounts carry PBKDF2 hashes made with <c>wechat-sim hash-password</c>.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    public const int MinimumKeyBytes = 32;

    public string SigningKey { get; set; } = "";

    public string Issuer { get; set; } = "wechat-logistics";

    public string Audience { get; set; } = "wechat-logistics-staff";

    [Range(1, 24 * 60, ErrorMessage = "Auth:TokenMinutes must be between 1 and 1440.")]
    public int TokenMinutes { get; set; } = 30;

    public List<StaffAccount> StaffAccounts { get; set; } = [];

    public byte[] SigningKeyBytes => Encoding.UTF8.GetBytes(SigningKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Encoding.UTF8.GetByteCount(SigningKey) < MinimumKeyBytes)
        {
            yield return new ValidationResult(
                $"Auth:SigningKey must be at least {MinimumKeyBytes} bytes (set Auth__SigningKey to a long random value).", [nameof(SigningKey)]);
        }

        foreach (var account in StaffAccounts)
        {
            if (string.IsNullOrWhiteSpace(account.UserName) || !StaffPasswordHash.IsWellFormed(account.PasswordHash))
            {
                yield return new ValidationResult(
                    "Auth:StaffAccounts needs a UserName and a PasswordHash from `wechat-sim hash-password` for every account.", [nameof(StaffAccounts)]);
            }

            if (account.Role is not (StaffRoles.Staff or StaffRoles.Admin))
            {
                yield return new ValidationResult($"Auth:StaffAccounts role must be '{StaffRoles.Staff}' or '{StaffRoles.Admin}'.", [nameof(StaffAccounts)]);
            }
        }
    }
}

public sealed class StaffAccount
{
    public string UserName { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public string Role { get; set; } = StaffRoles.Staff;

    public override string ToString() => $"StaffAccount {{ UserName = {UserName}, Role = {Role} }}";
}

public static class StaffRoles
{
    public const string Staff = "staff";
    public const string Admin = "admin";

    /// <summary>The authorization policy of the staff API.</summary>
    public const string Policy = "Staff";
}
