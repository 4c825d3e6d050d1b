using System.Net;
using WechatLogistics.Bot.Admin;
using WechatLogistics.Bot.Tests.StaffWork;

namespace WechatLogistics.Bot.Tests.Admin;

/// <summary>The admin page's files and security headers over the in-memory host.</summary>
public sealed class AdminPageHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/")]
    public async Task GetAdmin_ServesHtmlWithoutInlineScriptAndWithSecurityHeaders(string path)
    {
        await using var host = StaffHost.Create();

        var response = await host.CreateClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(AdminPageEndpoints.ContentSecurityPolicy, csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<script src=\"/admin/admin.js\" defer></script>", html);
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", html);
    }

    [Theory]
    [InlineData("/admin/admin.js", "text/javascript", "/api/staff/login")]
    [InlineData("/admin/admin.css", "text/css", ".overdue")]
    public async Task GetAsset_ServesTheFileWithItsType(string path, string mediaType, string expected)
    {
        await using var host = StaffHost.Create();

        var response = await host.CreateClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task GetUnknownAdminFile_IsNotFound()
    {
        await using var host = StaffHost.Create();

        var response = await host.CreateClient().GetAsync("/admin/appsettings.json", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
