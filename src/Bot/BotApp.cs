using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using WechatLogistics.Bot.Admin;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Http;
using WechatLogistics.Bot.MiniProgram;
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
        // First: everything after it (the per-address limits, logs) sees the client address a trusted proxy reported.
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization, which puts the mini-program user on the context the per-student limit partitions by.
        // Only endpoints that name a policy are limited (the callbacks, the mini-program API); the rest pass through.
        app.UseRateLimiter();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapOfficialAccountCallback();
        app.MapWeComCallback();
        app.MapStaffEndpoints();
        app.MapMiniProgramApi();
        app.MapOpenApi();
        app.MapIncidentEndpoints();
        app.MapEmergencyPlanEndpoints();
        app.MapKpiEndpoints();
        app.MapScoreCardEndpoints();
        app.MapVolunteerHoursEndpoints();
        app.MapAdminPage();
        return app;
    }
}
