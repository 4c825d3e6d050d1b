using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Staff;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Simulator.Cli;

namespace WechatLogistics.Bot.Tests.Outbox;

public sealed class StaffApiTests
{
    private const string Password = "correct horse battery staple";

    private static readonly object Announcement = new { title = "停电通知", body = "西区1号楼周六9:00-12:00停电检修。", audience = "Everyone" };

    [Fact]
    public async Task Publish_WithoutToken_Is401()
    {
        await using var host = Host();

        var response = await host.CreateClient().PostAsJsonAsync("/api/staff/announcements", Announcement, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Publish_WithExpiredToken_Is401()
    {
        await using var host = Host();
        var expired = Token(host, "dispatcher", issuedAt: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddSeconds(-1));

        var response = await Send(host, expired);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Publish_WithTokenSignedByAnotherKey_Is401()
    {
        await using var host = Host();
        var forged = Token(host, "admin", key: "another-key-of-at-least-thirty-two-bytes!!");

        var response = await Send(host, forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Publish_WithoutTheStaffRole_Is403()
    {
        await using var host = Host();

        var response = await Send(host, Token(host, "student"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task LoginThenPublish_Is201_AndTheReportCountsTheDeliveries()
    {
        await using var host = Host();
        var client = host.CreateClient();

        var login = await client.PostAsJsonAsync("/api/staff/login", new { userName = "li.laoshi", password = Password }, Ct);
        var token = (string)JsonNode.Parse(await login.Content.ReadAsStringAsync(Ct))!["accessToken"]!;
        var published = await Send(host, token);
        var location = published.Headers.Location!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var report = await client.GetAsync(location + "/report", Ct);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var body = JsonNode.Parse(await report.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("停电通知", (string?)body["title"]);
        Assert.Equal(0, (int)body["recipients"]!);
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownUser_Is401ProblemDetails()
    {
        await using var host = Host();

        var wrong = await host.CreateClient().PostAsJsonAsync("/api/staff/login", new { userName = "li.laoshi", password = "guess" }, Ct);
        var unknown = await host.CreateClient().PostAsJsonAsync("/api/staff/login", new { userName = "nobody", password = Password }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Publish_InvalidBody_Is400WithFieldNames()
    {
        await using var host = Host();

        var response = await Send(host, Token(host, "dispatcher"), new { title = "", body = "x", audience = "Building" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("title"));
        Assert.True(errors.ContainsKey("buildingId"));
    }

    [Fact]
    public void DemoStaffAccount_InAppSettings_VerifiesWithTheDocumentedPassword()
    {
        using var host = new BotFactory();
        var auth = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value;

        Assert.Equal(DemoCredentials.SigningKey, auth.SigningKey);
        Assert.NotNull(host.Services.GetRequiredService<StaffTokens>().Login("demo-staff", "demo-staff-password"));
        Assert.Equal(1, host.Logs.Count("Auth:SigningKey is the public demo key"));
    }

    [Fact]
    public void SimulatorHash_VerifiesInTheBot_AndOnlyForItsPassword()
    {
        var hash = PasswordHasher.Hash(Password);

        Assert.True(StaffPasswordHash.Verify(Password, hash));
        Assert.False(StaffPasswordHash.Verify(Password + " ", hash));
        Assert.NotEqual(hash, PasswordHasher.Hash(Password));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BotFactory Host() => new(settings: new Dictionary<string, string?>
    {
        ["Auth:SigningKey"] = "test-signing-key-0123456789-abcdefghijklmnop",
        ["Auth:StaffAccounts:0:UserName"] = "li.laoshi",
        ["Auth:StaffAccounts:0:Role"] = "staff",
        ["Auth:StaffAccounts:0:PasswordHash"] = PasswordHasher.Hash(Password),
    });

    private static Task<HttpResponseMessage> Send(BotFactory host, string token, object? body = null)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.PostAsJsonAsync("/api/staff/announcements", body ?? Announcement, Ct);
    }

    private static string Token(BotFactory host, string role, DateTime? issuedAt = null, DateTime? expires = null, string? key = null)
    {
        var auth = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "tester"), new Claim("role", role)]),
            IssuedAt = issuedAt ?? DateTime.UtcNow,
            NotBefore = issuedAt ?? DateTime.UtcNow,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key ?? auth.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
