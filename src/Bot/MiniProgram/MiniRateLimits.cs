using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Http;
using WechatLogistics.Bot.MiniProgram.Auth;

namespace WechatLogistics.Bot.MiniProgram;

/// <summary>
/// ASP.NET Core's rate limiter for the mini-program API: a fixed minute per signed-in student (partitioned by OpenId)
/// and, for the anonymous sign-in calls, per client address. Over the limit: 429 with Retry-After, nothing queued.
/// </summary>
public static class MiniRateLimits
{
    public const string PerStudent = "mini-student";
    public const string SignIn = "mini-sign-in";

    public static IServiceCollection AddMiniRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<MiniApiOptions>>((limiter, mini) =>
        {
            limiter.AddPolicy(PerStudent, context => Window(
                "s:" + (context.User.FindFirst(MiniTokens.OpenIdClaim)?.Value ?? ""), mini.Value.RequestsPerMinute));
            limiter.AddPolicy(SignIn, context => Window(
                "a:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local"), mini.Value.LoginsPerMinute));
            // The fallback for policies without their own: the callbacks' policy answers bare 429s itself.
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Window(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        RateLimitRejection.Refuse(context, TimeSpan.FromMinutes(1));
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = 429, Title = "操作太频繁，请稍后再试", Extensions = { ["code"] = "mini.too_many_requests" } },
        });
    }
}
