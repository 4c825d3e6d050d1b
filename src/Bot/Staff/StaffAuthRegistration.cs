using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace WechatLogistics.Bot.Staff;

public static class StaffAuthRegistration
{
    /// <summary>JWT bearer authentication for the staff API and the staff policies (any staff role; dispatcher or admin; admin).</summary>
    public static IServiceCollection AddStaffAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffTokens>();
        // No default scheme: only requests to a staff policy's endpoints are authenticated, so the WeChat callbacks (the
        // busiest path) never pay for a bearer handler. Each policy names the scheme it authenticates with.
        services.AddAuthentication().AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((jwt, auth) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = StaffTokens.ValidationParameters(auth.Value);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffRoles.Policy, policy => Staff(policy).RequireRole(StaffRoles.Worker, StaffRoles.Dispatcher, StaffRoles.Admin))
            .AddPolicy(StaffRoles.DispatcherPolicy, policy => Staff(policy).RequireRole(StaffRoles.Dispatcher, StaffRoles.Admin))
            .AddPolicy(StaffRoles.AdminPolicy, policy => Staff(policy).RequireRole(StaffRoles.Admin));
        return services;
    }

    private static AuthorizationPolicyBuilder Staff(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme);
}
