using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace WechatLogistics.Bot.Staff;

public static class StaffAuthRegistration
{
    /// <summary>JWT bearer authentication for the staff API and the staff policies (any staff role; dispatcher or admin; admin).</summary>
    public static IServiceCollection AddStaffAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffTokens>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((jwt, auth) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = StaffTokens.ValidationParameters(auth.Value);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffRoles.Policy, policy => policy.RequireRole(StaffRoles.Worker, StaffRoles.Dispatcher, StaffRoles.Admin))
            .AddPolicy(StaffRoles.DispatcherPolicy, policy => policy.RequireRole(StaffRoles.Dispatcher, StaffRoles.Admin))
            .AddPolicy(StaffRoles.AdminPolicy, policy => policy.RequireRole(StaffRoles.Admin));
        return services;
    }
}
