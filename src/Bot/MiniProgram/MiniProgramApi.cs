using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.MiniProgram.Auth;
using WechatLogistics.Bot.MiniProgram.Endpoints;
using WechatLogistics.Bot.MiniProgram.Photos;
using WechatLogistics.Bot.Staff;
using WechatLogistics.Bot.WeChat.Audience;

namespace WechatLogistics.Bot.MiniProgram;

/// <summary>The mini-program API, <c>/api/mini</c> (docs/decisions/mini-program-api.md).</summary>
public static class MiniProgramApi
{
    public static IServiceCollection AddMiniProgramApi(this IServiceCollection services)
    {
        services.AddOptions<MiniApiOptions>().BindConfiguration(MiniApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMiniAuth();
        services.AddMiniRateLimits();
        services.AddSingleton<IPhotoStore, DiskPhotoStore>();
        services.AddScoped<MiniLogin>();
        services.AddSingleton<UnionIdResolver>();
        services.AddHostedService(sp => sp.GetRequiredService<UnionIdResolver>());
        return services;
    }

    public static IEndpointRouteBuilder MapMiniProgramApi(this IEndpointRouteBuilder app)
    {
        var mini = app.MapGroup("/api/mini").WithTags("Mini program");
        mini.MapMiniAuthEndpoints();

        var student = mini.MapGroup("").RequireAuthorization(MiniTokens.Policy).RequireRateLimiting(MiniRateLimits.PerStudent);
        student.MapMiniReferenceEndpoints().MapMiniTicketEndpoints().MapMiniServiceEndpoints().MapMiniNoticeEndpoints().MapMiniHoursEndpoints()
            .MapMiniDepartmentRequestEndpoints();

        // Three photos and the form around them; larger bodies are refused by the server before they are read.
        var photoBytes = app.ServiceProvider.GetRequiredService<IOptions<MiniApiOptions>>().Value.PhotoMaxBytes;
        student.WithMetadata(new RequestSizeLimitAttribute(((long)photoBytes * MiniApiOptions.MaxPhotosPerTicket) + (256 * 1024)));
        return app;
    }
}
