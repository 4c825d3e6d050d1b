using System.ComponentModel.DataAnnotations;
using System.Text;
using WechatLogistics.Domain.Staff;

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

            if (StaffRoles.FromConfiguration(account.Role) is null)
            {
                yield return new ValidationResult(
                    $"Auth:StaffAccounts role must be '{StaffRoles.Worker}', '{StaffRoles.Dispatcher}' or '{StaffRoles.Admin}'.", [nameof(StaffAccounts)]);
            }
        }
    }
}

public sealed class StaffAccount
{
    public string UserName { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    /// <summary>Used only when the account has no <c>StaffMembers</c> row; the row's role wins (staff-dispatch.md).</summary>
    public string Role { get; set; } = StaffRoles.Worker;

    public override string ToString() => $"StaffAccount {{ UserName = {UserName}, Role = {Role} }}";
}

/// <summary>
/// The staff API's token roles. The database's <see cref="StaffRole"/> of the member decides; a configured account
/// without a member row falls back to its configured role. The old role <c>staff</c> (office staff) reads as dispatcher.
/// </summary>
public static class StaffRoles
{
    public const string Worker = "worker";
    public const string Dispatcher = "dispatcher";
    public const string Admin = "admin";

    /// <summary>Before teams and dispatch: office staff. Still accepted in configuration, issued as <see cref="Dispatcher"/>.</summary>
    public const string Staff = "staff";

    /// <summary>Any staff member (worker, dispatcher, admin): the ticket queue and actions (the handlers decide the rest).</summary>
    public const string Policy = "Staff";

    /// <summary>Dispatchers and admins: announcements.</summary>
    public const string DispatcherPolicy = "Dispatcher";

    /// <summary>Admins: reference-data edits.</summary>
    public const string AdminPolicy = "Admin";

    public static string Of(StaffRole role) => role switch
    {
        StaffRole.Worker => Worker,
        StaffRole.Dispatcher => Dispatcher,
        _ => Admin,
    };

    /// <summary>The token role for a configured role name; null when it is not one.</summary>
    public static string? FromConfiguration(string? role) => role?.Trim().ToLowerInvariant() switch
    {
        Worker => Worker,
        Dispatcher or Staff => Dispatcher,
        Admin => Admin,
        _ => null,
    };
}
