using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.StaffWork;
using WechatLogistics.Domain.EmergencyPlans;
using static Microsoft.Playwright.Assertions;

namespace WechatLogistics.Bot.Tests.Admin;

/// <summary>The incident banner's emergency plan: start it, see its progress, finish a task (headless chromium, real Bot).</summary>
public sealed class AdminPlanBrowserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IncidentBanner_StartsThePlan_ShowsProgress_AndATaskFinishedThereCounts()
    {
        await using var bot = await LiveBot.StartAsync();
        foreach (var student in new[] { "o-student-0001", "o-student-0002", "o-student-0003" })
        {
            await bot.ReportAsync(student);
        }

        await AdminPageBrowserTests.WaitForIncidentAsync(bot);
        await using var browser = await Browser.LaunchAsync();
        var (page, errors) = await browser.OpenAsync(bot.BaseUrl + "/admin");
        await AdminPageBrowserTests.LogInAsync(page, StaffHost.Password);

        var plan = page.Locator("#incident-banner .plan");
        await plan.Locator(".plan-expected").FillAsync("今晚22:00");
        await plan.GetByRole(AriaRole.Button, new() { Name = "启动应急预案" }).ClickAsync();

        await Expect(plan).ToContainTextAsync("已启动，已通知 3 位住户");
        await Expect(plan.Locator(".plan-progress")).ToHaveTextAsync("应急预案「停水应急预案」：已完成 0 / 5");
        await Expect(plan.Locator(".plan-tasks li")).ToHaveCountAsync(5);
        await Expect(plan.Locator(".plan-tasks li").Nth(0)).ToContainTextAsync("关闭总阀，排查故障点 · 维修工（水电班）");
        await plan.Locator(".plan-tasks li[data-number='1'] .complete-task").ClickAsync();

        await Expect(plan.Locator(".plan-progress")).ToHaveTextAsync("应急预案「停水应急预案」：已完成 1 / 5");
        await Expect(plan.Locator(".plan-tasks li[data-number='1']")).ToContainTextAsync("已完成 · 后勤办演示账号");
        await page.ReloadAsync();
        await Expect(page.Locator("#incident-banner .plan-progress")).ToHaveTextAsync("应急预案「停水应急预案」：已完成 1 / 5");
        await Expect(page.Locator("#incident-banner .start-plan")).ToHaveCountAsync(0);

        await using var scope = bot.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().EmergencyPlans.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(("今晚22:00", PlanTaskStatus.Done, "demo-staff"), (stored.Expected, stored.Tasks.Single(t => t.Number == 1).Status, stored.Tasks.Single(t => t.Number == 1).FinishedBy));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
