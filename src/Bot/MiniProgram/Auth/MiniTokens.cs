using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WechatLogistics.Bot.Staff;

namespace WechatLogistics.Bot.MiniProgram.Auth;

/// <summary>
/// The students' access tokens: short-lived JWTs under their own scheme and audience, signed with a key derived from
/// <c>Auth:SigningKey</c> for this purpose only (HKDF, label "mini-program"). A staff token therefore never validates here,
/// and a student token never validates on the staff API, even if one audience check were lost.
/// </summary>
public sealed class MiniTokens(IOptions<AuthOptions> auth, IOptions<MiniApiOptions> options, TimeProvider time)
{
    public const string Scheme = "MiniProgram";
    public const string Policy = "MiniProgramStudent";
    public const string Audience = "wechat-logistics-mini";
    public const string OpenIdClaim = "sub";
    public const string SessionClaim = "sid";

    public MiniAccessToken Issue(string openId, string sessionId)
    {
        var now = time.GetUtcNow();
        var expires = now.AddMinutes(options.Value.AccessTokenMinutes);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Value.Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim(OpenIdClaim, openId), new Claim(SessionClaim, sessionId)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(Key(auth.Value), SecurityAlgorithms.HmacSha256),
        });
        return new MiniAccessToken(token, expires);
    }

    public static TokenValidationParameters ValidationParameters(AuthOptions settings) => new()
    {
        ValidIssuer = settings.Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key(settings),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = OpenIdClaim,
        ClockSkew = TimeSpan.Zero,
    };

    /// <summary>The signed-in student's OpenId (the mini-program's).</summary>
    public static string OpenIdOf(ClaimsPrincipal user) =>
        user.FindFirstValue(OpenIdClaim) ?? throw new InvalidOperationException("The mini-program policy admits only tokens with a subject.");

    private static SymmetricSecurityKey Key(AuthOptions settings) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, settings.SigningKeyBytes, 32, salt: [], info: Encoding.UTF8.GetBytes("mini-program")));
}

public sealed record MiniAccessToken(string Token, DateTimeOffset ExpiresAt);
