using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Staff;

namespace WechatLogistics.Bot.MiniProgram.Auth;

public static class MiniAuthRegistration
{
    /// <summary>
    /// A second JWT bearer scheme for students and the policy that admits only it. The staff scheme stays the default,
    /// so the staff policy never looks at a student token (and this policy never at a staff one).
    /// </summary>
    public static IServiceCollection AddMiniAuth(this IServiceCollection services)
    {
        services.AddSingleton<MiniTokens>();
        services.AddAuthentication().AddJwtBearer(MiniTokens.Scheme);
        services.AddOptions<JwtBearerOptions>(MiniTokens.Scheme).Configure<IOptions<AuthOptions>>((jwt, auth) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = MiniTokens.ValidationParameters(auth.Value);
            jwt.Events = new JwtBearerEvents { OnChallenge = MiniProblems.WriteUnauthorizedAsync };
        });
        services.AddAuthorizationBuilder().AddPolicy(MiniTokens.Policy, policy => policy
            .AddAuthenticationSchemes(MiniTokens.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(MiniTokens.SessionClaim));
        return services;
    }
}
