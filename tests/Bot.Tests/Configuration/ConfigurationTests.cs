using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Tests.Support;

namespace WechatLogistics.Bot.Tests.Configuration;

public sealed class ConfigurationTests
{
    [Fact]
    public void RootAppSettings_IsLinkedIntoTheBotOutput()
    {
        var linked = Path.Combine(AppContext.BaseDirectory, "appsettings.json");

        Assert.True(File.Exists(linked), "appsettings.json should be copied next to the Bot assembly");
        Assert.Contains(DemoCredentials.AppId, File.ReadAllText(linked));
    }

    [Fact]
    public async Task RootAppSettings_IsLoadedByTheHost()
    {
        await using var host = new BotFactory();

        var options = host.Services.GetRequiredService<IOptions<WeChatOptions>>().Value;

        Assert.Equal(DemoCredentials.AppId, options.AppId);
        Assert.Equal(DemoCredentials.EncodingAesKey, options.EncodingAesKey);
        Assert.Equal(300, options.TimestampToleranceSeconds);
        Assert.Equal(30, host.Services.GetRequiredService<IOptions<ChatSessionOptions>>().Value.IdleMinutes);
    }

    [Theory]
    [InlineData("WeChat:Token", "", "WeChat:Token is missing")]
    [InlineData("WeChat:AppSecret", "", "WeChat:AppSecret is missing")]
    [InlineData("WeChat:EncodingAesKey", "too-short", "WeChat:EncodingAesKey must be")]
    [InlineData("Auth:SigningKey", "only-31-bytes-long-0123456789ab", "Auth:SigningKey must be at least 32 bytes")]
    [InlineData("Auth:StaffAccounts:0:PasswordHash", "plain-text-password", "PasswordHash from `wechat-sim hash-password`")]
    [InlineData("Outbox:BatchSize", "0", "Outbox:BatchSize must be between 1 and 1000")]
    [InlineData("Outbox:Lease", "00:00:00.500", "Outbox:Lease must be between")]
    [InlineData("Outbox:MaxRetryDelay", "00:00:00.001", "Outbox:MaxRetryDelay must not be shorter")]
    public async Task InvalidOptions_FailAtStartWithTheKeyNamed(string key, string value, string expected)
    {
        var error = await StartupValidation.StartFailureAsync(key, value);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task DemoCredentials_WithTheRealWeChatHost_LogALoudWarning()
    {
        await using var host = new BotFactory(settings: new Dictionary<string, string?> { ["WeChat:ApiBaseUrl"] = "https://api.weixin.qq.com" });
        host.CreateClient();

        Assert.Equal(1, host.Logs.Count("DEMO CREDENTIALS IN USE WITH THE REAL WECHAT API"));
    }

    [Fact]
    public async Task DemoCredentials_WithTheSimulator_DoNotWarn()
    {
        await using var host = new BotFactory();
        host.CreateClient();

        Assert.Equal(0, host.Logs.Count("DEMO CREDENTIALS"));
    }

    [Fact]
    public async Task Health_WithoutRedis_AnswersHealthy()
    {
        await using var host = new BotFactory();

        var response = await host.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, host.Logs.Count("single-instance mode"));
    }

    [Fact]
    public async Task Health_WithRedis_ReportsRedisHealthy()
    {
        await using var host = new BotFactory(TestServers.RedisConnectionString());

        var body = await host.CreateClient().GetStringAsync("/health");

        Assert.Contains("\"redis\":\"Healthy\"", body);
    }
}
