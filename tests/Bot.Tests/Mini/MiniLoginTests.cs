using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Staff;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Mini;

/// <summary>POST /api/mini/login against the simulator's jscode2session, refresh rotation, and the two token audiences.</summary>
public sealed class MiniLoginTests
{
    [Fact]
    public async Task ValidCode_GivesOurOwnTokens_AndTheSessionKeyNeverLeavesTheServer()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var client = new MiniClient(bed.Host.CreateClient());
        const string code = "valid-lin-7f3a";
        var sessionKey = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(code))[..16]);

        var login = await client.SendAsync<System.Text.Json.Nodes.JsonNode>(HttpMethod.Post, "/api/mini/login", new { code });
        client.UseTokens(System.Text.Json.JsonSerializer.Deserialize<MiniProgram.Auth.MiniTokenResponse>(login.Ok, MiniClient.Json));
        var tickets = await client.MyTicketsAsync();

        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal("Bearer", (string?)login.Ok["tokenType"]);
        Assert.DoesNotContain(sessionKey, login.Ok.ToJsonString());
        Assert.DoesNotContain("session", login.Ok.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, tickets.Status);
        Assert.DoesNotContain(bed.Host.Logs.Messages, m => m.Contains(sessionKey, StringComparison.Ordinal));
        Assert.DoesNotContain(bed.Host.Logs.Messages, m => m.Contains(client.Tokens!.AccessToken, StringComparison.Ordinal)
            || m.Contains(client.Tokens.RefreshToken, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0a1b2c3d4e5f")] // 40029 invalid code
    [InlineData("used-0a1b2c")] // 40163 code been used
    public async Task InvalidCode_Is401_WithAClearMessage(string code)
    {
        await using var bed = await MiniTestBed.StartAsync();
        var client = new MiniClient(bed.Host.CreateClient());

        var login = await client.LoginAsync(code);

        Assert.Equal(HttpStatusCode.Unauthorized, login.Status);
        Assert.Equal("mini.invalid_code", login.Code);
        Assert.Equal("登录凭证无效或已过期，请重新登录", login.Title);
    }

    [Fact]
    public async Task ACodeUsedTwice_IsRefusedTheSecondTime()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var client = new MiniClient(bed.Host.CreateClient());

        var first = await client.LoginAsync("valid-zhou-1");
        var again = await client.LoginAsync("valid-zhou-1");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, again.Status);
    }

    [Theory]
    [InlineData(45011, HttpStatusCode.TooManyRequests, "mini.login_too_frequent")]
    [InlineData(40226, HttpStatusCode.Forbidden, "mini.login_blocked")]
    [InlineData(-1, HttpStatusCode.ServiceUnavailable, "mini.login_unavailable")]
    public async Task WeChatErrors_AreMapped(int errcode, HttpStatusCode status, string problemCode)
    {
        // -1 is retried by the client (3 attempts): queue it for each.
        Fault[] failures = errcode == -1 ? [-1, -1, -1] : [errcode];
        await using var bed = await MiniTestBed.StartAsync(fake: new FakeApiOptions { FailCodes = failures });
        var client = new MiniClient(bed.Host.CreateClient());

        var login = await client.LoginAsync("valid-wu-1");

        Assert.Equal(status, login.Status);
        Assert.Equal(problemCode, login.Code);
        Assert.False(string.IsNullOrWhiteSpace(login.Title));
        if (status == HttpStatusCode.TooManyRequests)
        {
            Assert.Equal(TimeSpan.FromSeconds(60), login.Headers.RetryAfter?.Delta);
        }
    }

    [Fact]
    public async Task MissingCode_Is400_NamingTheField()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var client = new MiniClient(bed.Host.CreateClient());

        var login = await client.LoginAsync("");

        Assert.Equal(HttpStatusCode.BadRequest, login.Status);
        Assert.NotNull(login.Problem!["errors"]!["code"]);
    }

    [Fact]
    public async Task Refresh_Rotates_AndReusingAReplacedRefreshTokenEndsTheSession()
    {
        await using var bed = await MiniTestBed.StartAsync(redis: true);
        var client = await bed.SignInAsync("qian");
        var first = client.Tokens!;

        var rotated = await client.RefreshAsync();
        var replayed = await client.RefreshAsync(first.RefreshToken);
        var afterTheft = await client.RefreshAsync(rotated.Ok.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.NotEqual(first.RefreshToken, rotated.Ok.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, afterTheft.Status);
        Assert.Equal("mini.refresh_invalid", afterTheft.Code);
    }

    [Fact]
    public async Task Logout_RevokesTheRefreshToken()
    {
        await using var bed = await MiniTestBed.StartAsync(redis: true);
        var client = await bed.SignInAsync("sun");
        var refresh = client.Tokens!.RefreshToken;

        var logout = await client.LogoutAsync();
        var after = await client.RefreshAsync(refresh);

        Assert.Equal(HttpStatusCode.NoContent, logout.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
    }

    [Fact]
    public async Task NoToken_Is401_WithAMessageTheMiniProgramCanShow()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var client = new MiniClient(bed.Host.CreateClient());

        var tickets = await client.MyTicketsAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, tickets.Status);
        Assert.Equal("登录已过期，请重新登录", tickets.Title);
    }

    [Fact]
    public async Task StudentTokens_AreRefusedByTheStaffApi_AndStaffTokens_ByTheMiniApi()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var student = await bed.SignInAsync("zheng");
        var staffToken = bed.Host.Services.GetRequiredService<StaffTokens>().Issue("li.laoshi", StaffRoles.Admin).AccessToken;
        var asStaff = new MiniClient(bed.Host.CreateClient());
        asStaff.UseTokens(new MiniProgram.Auth.MiniTokenResponse(staffToken, "Bearer", DateTimeOffset.UtcNow.AddMinutes(5), "x", DateTimeOffset.UtcNow));

        var studentOnStaff = await student.SendAsync<System.Text.Json.Nodes.JsonNode>(HttpMethod.Post, "/api/staff/announcements",
            new { title = "停水通知", body = "今晚停水", audience = "Everyone" });
        var staffOnMini = await asStaff.MyTicketsAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, studentOnStaff.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, staffOnMini.Status);
    }
}
