using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace WechatLogistics.Bot.Http;

/// <summary>What every refused request gets, whichever limiter refused it: 429 and a Retry-After in whole seconds.</summary>
public static class RateLimitRejection
{
    public static void Refuse(OnRejectedContext context, TimeSpan fallback)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : fallback;
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }
}
