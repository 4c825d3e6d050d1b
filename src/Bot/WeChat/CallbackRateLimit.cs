using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Http;

namespace WechatLogistics.Bot.WeChat;

/// <summary>
/// Section <c>WeChat:CallbackRateLimit</c>: a token bucket per client IP on <c>/wechat/callback</c> and
/// <c>/wecom/callback</c>. The default is far above what WeChat's own servers send to one account, so only a flood
/// from one address is refused; 0 permits per second turns the limit off.
/// </summary>
public sealed class CallbackRateLimitOptions
{
    public const string Section = "WeChat:CallbackRateLimit";

    [Range(0, 1_000_000, ErrorMessage = "WeChat:CallbackRateLimit:PermitsPerSecond must be between 0 (off) and 1000000.")]
    public int PermitsPerSecond { get; set; } = 2_000;

    /// <summary>Requests one client may send at once before the per-second refill applies.</summary>
    [Range(1, 10_000_000, ErrorMessage = "WeChat:CallbackRateLimit:Burst must be between 1 and 10000000.")]
    public int Burst { get; set; } = 4_000;
}

/// <summary>
/// The edge limit for the callbacks (issue 7, hostile input). A refused request gets 429 with Retry-After before any
/// body is read or any signature computed, so it costs almost nothing and changes nothing: WeChat retries it and the
/// retry is deduplicated as usual. Registered as a named policy, so other endpoints' policies share one limiter.
/// </summary>
public sealed class CallbackRateLimitPolicy(IOptions<CallbackRateLimitOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "wechat-callbacks";

    private const string Off = "off";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
    {
        RateLimitRejection.Refuse(context, TimeSpan.FromSeconds(1));
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var settings = options.Value;
        if (settings.PermitsPerSecond == 0)
        {
            return RateLimitPartition.GetNoLimiter(Off);
        }

        // Behind a proxy without forwarded headers every request shares the proxy's address: one bucket for all.
        var client = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = settings.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}

public static class CallbackRateLimitRegistration
{
    public static IServiceCollection AddCallbackRateLimit(this IServiceCollection services)
    {
        services.AddOptions<CallbackRateLimitOptions>().BindConfiguration(CallbackRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, CallbackRateLimitPolicy>(CallbackRateLimitPolicy.Name));
        return services;
    }
}
