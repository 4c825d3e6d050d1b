using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WechatLogistics.Bot.Staff;

/// <summary>Checks a staff login against the configured accounts and issues a short-lived JWT with a role.</summary>
public sealed class StaffTokens(IOptions<AuthOptions> options, TimeProvider time)
{
    public const string RoleClaim = "role";
    public const string NameClaim = "sub";

    /// <summary>A token with the configured role (for accounts without a member row; the endpoint prefers the row).</summary>
    public StaffToken? Login(string userName, string password) =>
        Verify(userName, password) is { } account && StaffRoles.FromConfiguration(account.Role) is { } role ? Issue(account.UserName, role) : null;

    /// <summary>The configured account when the password matches; an unknown user costs the same work.</summary>
    public StaffAccount? Verify(string userName, string password)
    {
        var account = options.Value.StaffAccounts.FirstOrDefault(a => string.Equals(a.UserName, userName, StringComparison.Ordinal));
        return StaffPasswordHash.Verify(password, account?.PasswordHash) && account is not null ? account : null;
    }

    public StaffToken Issue(string userName, string role)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var expires = now.AddMinutes(settings.TokenMinutes);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity([new Claim(NameClaim, userName), new Claim(RoleClaim, role)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(settings.SigningKeyBytes), SecurityAlgorithms.HmacSha256),
        });
        return new StaffToken(token, expires);
    }

    public static TokenValidationParameters ValidationParameters(AuthOptions settings) => new()
    {
        ValidIssuer = settings.Issuer,
        ValidAudience = settings.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(settings.SigningKeyBytes),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = NameClaim,
        RoleClaimType = RoleClaim,
        // Our own tokens, checked by the host that issued them: no clock skew to allow for.
        ClockSkew = TimeSpan.Zero,
    };
}

public sealed record StaffToken(string AccessToken, DateTimeOffset ExpiresAt);
