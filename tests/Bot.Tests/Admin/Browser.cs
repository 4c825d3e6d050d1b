using Microsoft.Playwright;
using WechatLogistics.Bot.Tests.Support;

namespace WechatLogistics.Bot.Tests.Admin;

/// <summary>
/// Headless Debian chromium driven by Playwright (its own browser download cannot run here, so the executable is
/// explicit). scripts/test.sh installs chromium; when CI is set and it is missing the test fails, elsewhere it skips.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            var message = $"{ChromiumPath} is missing: run the tests through scripts/test.sh, which installs Debian's chromium.";
            if (TestServers.InCi)
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // --no-sandbox: the tests run as root, where chromium's sandbox refuses to start.
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new Browser(playwright, browser);
    }

    /// <summary>
    /// A fresh context (its own sessionStorage) with a page that collects script errors, console errors (CSP violations
    /// are reported there) and failed responses with their URLs.
    /// </summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync(string url)
    {
        var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        await page.GotoAsync(url);
        return (page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
