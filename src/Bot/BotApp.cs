using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using WechatLogistics.Bot.Admin;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Staff;
using WechatLogistics.Bot.WeChat;

namespace WechatLogistics.Bot;

/// <summary>Builds the Bot's web application: configuration, services, middleware and endpoints.</summary>
public static class BotApp
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddRootAppSettings();
        builder.Services.AddBot(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        // Only endpoints that name a policy are limited (the two callbacks); the rest pass straight through.
        app.UseRateLimiter();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapOfficialAccountCallback();
        app.MapWeComCallback();
        app.MapStaffEndpoints();
        app.MapIncidentEndpoints();
        app.MapKpiEndpoints();
        app.MapAdminPage();
        return app;
    }
}
