using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.StaffWork;
using WechatLogistics.Domain.Announcements;
using static Microsoft.Playwright.Assertions;

namespace WechatLogistics.Bot.Tests.Admin;

/// <summary>The admin page in headless chromium against the real Bot on a loopback port (see <see cref="Browser"/>).</summary>
public sealed class AdminPageBrowserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_AsAdmin_ShowsQueueWithOverdueRowAndEscapedPlace()
    {
        await using var bot = await LiveBot.StartAsync();
        var fresh = await bot.ReportAsync("o-student-0001");
        var late = await bot.ReportEarlierAsync("o-student-0002", TimeSpan.FromDays(3));
        await using var browser = await Browser.LaunchAsync();
        var (page, errors) = await browser.OpenAsync(bot.BaseUrl + "/admin");

        await LogInAsync(page, StaffHost.Password);

        var freshRow = page.Locator($"#ticket-rows tr[data-number='{fresh.Number}']");
        var lateRow = page.Locator($"#ticket-rows tr[data-number='{late.Number}']");
        await Expect(lateRow).ToHaveClassAsync(new Regex(@"\boverdue\b"));
        await Expect(freshRow).ToBeVisibleAsync();
        await Expect(freshRow).Not.ToHaveClassAsync(new Regex(@"\boverdue\b"));
        // The student's place is shown as typed, markup and all, never parsed into elements.
        await Expect(freshRow).ToContainTextAsync("E-D01 302 <b>宿舍</b>");
        Assert.Equal(0, await page.Locator("#ticket-rows b").CountAsync());

        await page.Locator("#overdue-filter").CheckAsync();
        await Expect(page.Locator("#ticket-rows tr[data-number]")).ToHaveCountAsync(1);
        await Expect(lateRow).ToBeVisibleAsync();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task Login_WithWrongPassword_ShowsErrorAndNoQueue()
    {
        await using var bot = await LiveBot.StartAsync();
        await bot.ReportAsync("o-student-0001");
        await using var browser = await Browser.LaunchAsync();
        var (page, _) = await browser.OpenAsync(bot.BaseUrl + "/admin");

        await LogInAsync(page, "not-the-password");

        await Expect(page.Locator("#login-error")).ToHaveTextAsync("用户名或密码错误。");
        await Expect(page.Locator("#app")).ToBeHiddenAsync();
        Assert.Equal(0, await page.Locator("#ticket-rows tr").CountAsync());
    }

    [Fact]
    public async Task Open_WithRejectedToken_ReturnsToLoginWithMessage()
    {
        await using var bot = await LiveBot.StartAsync();
        await bot.ReportAsync("o-student-0001");
        await using var browser = await Browser.LaunchAsync();
        var (page, _) = await browser.OpenAsync(bot.BaseUrl + "/admin");

        // A token the Bot no longer accepts (expired, or signed with a rotated key) is answered with 401.
        await page.EvaluateAsync("() => sessionStorage.setItem('wl.staffToken', 'expired.token.value')");
        await page.ReloadAsync();

        await Expect(page.Locator("#login-error")).ToHaveTextAsync("登录已失效，请重新登录。");
        await Expect(page.Locator("#login-section")).ToBeVisibleAsync();
        await Expect(page.Locator("#app")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('wl.staffToken')"));
    }

    [Fact]
    public async Task Announce_ToEveryone_ShowsRecipientsAndStoresAnnouncement()
    {
        await using var bot = await LiveBot.StartAsync();
        await bot.AddFollowersAsync("o-follower-1", "o-follower-2", "o-follower-3");
        await using var browser = await Browser.LaunchAsync();
        var (page, errors) = await browser.OpenAsync(bot.BaseUrl + "/admin");
        await LogInAsync(page, StaffHost.Password);

        await page.Locator("#announce-title").FillAsync("停水通知");
        await page.Locator("#announce-body").FillAsync("明天 9:00–12:00 东区停水。");
        await page.Locator("#announce-audience").SelectOptionAsync("Everyone");
        await page.Locator("#announce-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#announce-result")).ToHaveTextAsync("已发布，接收人数：3");
        await using var scope = bot.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Announcements.SingleAsync(Ct);
        Assert.Equal(("停水通知", AnnouncementAudience.Everyone, 3, "demo-staff"), (stored.Title, stored.Audience, stored.RecipientCount, stored.PublishedBy));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task IncidentBanner_AfterBurstOfReports_NotifiesTheBuilding()
    {
        await using var bot = await LiveBot.StartAsync();
        foreach (var student in new[] { "o-student-0001", "o-student-0002", "o-student-0003" })
        {
            await bot.ReportAsync(student);
        }

        await WaitForIncidentAsync(bot);
        await using var browser = await Browser.LaunchAsync();
        var (page, errors) = await browser.OpenAsync(bot.BaseUrl + "/admin");
        await LogInAsync(page, StaffHost.Password);

        var banner = page.Locator("#incident-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("东区学生公寓1号楼");
        await Expect(banner).ToContainTextAsync("3 单报修");
        await banner.GetByRole(AriaRole.Button, new() { Name = "通知该楼住户" }).ClickAsync();

        // The three reporters live in the building, so all three are told.
        await Expect(banner).ToContainTextAsync("已通知 3 位住户");
        await using var scope = bot.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Announcements.SingleAsync(Ct);
        Assert.Equal((AnnouncementAudience.Building, 3), (stored.Audience, stored.RecipientCount));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    internal static async Task LogInAsync(IPage page, string password)
    {
        await page.Locator("#login-user").FillAsync("demo-staff");
        await page.Locator("#login-password").FillAsync(password);
        await page.Locator("#login-form button[type=submit]").ClickAsync();
    }

    /// <summary>Detection runs from the outbox after the report commits: poll the staff API, bounded.</summary>
    internal static async Task WaitForIncidentAsync(LiveBot bot)
    {
        using var client = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };
        var login = await client.PostAsJsonAsync("/api/staff/login", new { userName = "demo-staff", password = StaffHost.Password }, Ct);
        var token = JsonNode.Parse(await login.Content.ReadAsStringAsync(Ct))!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (JsonNode.Parse(await client.GetStringAsync("/api/staff/incidents", Ct))!.AsArray().Count > 0)
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail("no incident was opened within 30 s of three reports in one building");
    }
}
