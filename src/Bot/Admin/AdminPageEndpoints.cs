using System.Collections.Frozen;

namespace WechatLogistics.Bot.Admin;

/// <summary>
/// The staff admin page: <c>GET /admin</c> and its files under <c>/admin/…</c>, embedded in the assembly (no build step,
/// no CDN: the page only talks to this Bot's <c>/api/staff</c>). The page's data comes from students (places,
/// descriptions), so the policy forbids inline scripts and framing: even an escaping slip cannot run injected code.
/// </summary>
public static class AdminPageEndpoints
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (string Resource, string ContentType)> Files =
        new Dictionary<string, (string, string)>
        {
            ["index.html"] = ("AdminPage/index.html", "text/html; charset=utf-8"),
            ["admin.js"] = ("AdminPage/admin.js", "text/javascript; charset=utf-8"),
            ["admin.css"] = ("AdminPage/admin.css", "text/css; charset=utf-8"),
        }.ToFrozenDictionary();

    public static IEndpointRouteBuilder MapAdminPage(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AllowAnonymous().ExcludeFromDescription();
        admin.MapGet("/", (HttpContext context) => Serve(context, "index.html"));
        admin.MapGet("/{file}", (string file, HttpContext context) => Serve(context, file));
        return app;
    }

    private static IResult Serve(HttpContext context, string file)
    {
        if (!Files.TryGetValue(file, out var entry) || typeof(AdminPageEndpoints).Assembly.GetManifestResourceStream(entry.Resource) is not { } stream)
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return TypedResults.Stream(stream, entry.ContentType);
    }
}
