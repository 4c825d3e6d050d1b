using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WechatLogistics.Bot;

/// <summary>/health as a small JSON document: overall status plus one line per dependency.</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString());
        return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = checks,
        }));
    }
}
