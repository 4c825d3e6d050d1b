using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Infrastructure.Redis;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Bot.WeChat.Outbound;
using WechatLogistics.Wechat.Api.Tokens;
using WechatLogistics.Wechat.Api.WeChat;
using WechatLogistics.Wechat.Api.WeCom;

namespace WechatLogistics.Bot.Tests.WeChat.Outbound;

public sealed class WeChatApiRegistrationTests
{
    private static readonly Dictionary<string, string?> AllAccounts = new()
    {
        ["MiniProgram:AppId"] = "wxmini0000000001",
        ["MiniProgram:AppSecret"] = "mini-secret",
        ["WeCom:CorpId"] = "wwcorp0000000001",
        ["WeCom:AgentId"] = "1000002",
        ["WeCom:Secret"] = "wecom-secret",
    };

    [Fact]
    public async Task Host_WithAllAccounts_ResolvesEachClientWithItsOwnTokenKey()
    {
        await using var host = new BotFactory(settings: AllAccounts);

        var officialAccount = host.Services.GetRequiredService<WeChatApiClient>();
        var miniProgram = host.Services.GetRequiredService<MiniProgramApiClient>();
        var weCom = host.Services.GetRequiredService<WeComApiClient>();

        Assert.Equal(DemoCredentials.AppId, officialAccount.AccessTokens.Key);
        Assert.Equal("wxmini0000000001", miniProgram.Api.AccessTokens.Key);
        Assert.Equal("wwcorp0000000001:1000002", weCom.AccessTokens.Key);
    }

    [Fact]
    public async Task Host_WithoutOptionalSections_StartsAndNamesTheMissingKeysWhenUsed()
    {
        await using var host = new BotFactory(settings: WithoutWeCom);
        host.CreateClient();

        var miniProgram = host.Services.GetRequiredService<MiniProgramApiClient>();
        var miniError = Assert.Throws<InvalidOperationException>(() => miniProgram.Api);
        var weComError = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<WeComApiClient>());

        Assert.False(miniProgram.IsConfigured);
        Assert.Contains("MiniProgram:AppId and MiniProgram:AppSecret", miniError.Message);
        Assert.Contains("WeCom:CorpId, WeCom:AgentId and WeCom:Secret", weComError.Message);
        Assert.NotNull(host.Services.GetRequiredService<WeChatApiClient>());
    }

    // appsettings.json ships a demo WeCom app; these hosts start from "no WeCom app at all".
    private static readonly Dictionary<string, string?> WithoutWeCom = new()
    {
        ["WeCom:CorpId"] = "", ["WeCom:AgentId"] = "0", ["WeCom:Secret"] = "", ["WeCom:Token"] = "", ["WeCom:EncodingAesKey"] = "",
    };

    [Theory]
    [InlineData("MiniProgram:AppId", "wxmini0000000001", "MiniProgram:AppSecret is missing")]
    [InlineData("MiniProgram:AppSecret", "mini-secret", "MiniProgram:AppId is missing")]
    [InlineData("WeCom:CorpId", "wwcorp0000000001", "WeCom:Secret is missing")]
    [InlineData("WeCom:Secret", "wecom-secret", "WeCom:AgentId must be")]
    [InlineData("WeCom:ApiBaseUrl", "not a url", "WeCom:ApiBaseUrl must be an absolute")]
    [InlineData("WeCom:Token", "wecom-token", "WeCom:CorpId, WeCom:Token and WeCom:EncodingAesKey together")]
    public async Task HalfConfiguredAccount_FailsAtStartWithTheKeyNamed(string key, string value, string expected)
    {
        var settings = WithoutWeCom.ToDictionary(s => s.Key, s => s.Value ?? "");
        settings[key] = value;

        var error = await StartupValidation.StartFailureAsync(settings);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task TokenStore_FollowsTheStateStoreChoice()
    {
        await using var inProcess = new BotFactory();
        await using var shared = new BotFactory(TestServers.RedisConnectionString());

        Assert.IsType<InMemoryAccessTokenStore>(inProcess.Services.GetRequiredService<IAccessTokenStore>());
        Assert.IsType<RedisAccessTokenStore>(shared.Services.GetRequiredService<IAccessTokenStore>());
    }
}
