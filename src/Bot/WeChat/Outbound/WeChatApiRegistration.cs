using Flurl.Http;
using Flurl.Http.Configuration;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Wechat.Api.Tokens;
using WechatLogistics.Wechat.Api.WeChat;
using WechatLogistics.Wechat.Api.WeCom;

namespace WechatLogistics.Bot.WeChat.Outbound;

public static class WeChatApiRegistration
{
    /// <summary>The named Flurl client for api.weixin.qq.com (Official Account and mini-program share it).</summary>
    public const string WeChatHost = "wechat";

    /// <summary>The named Flurl client for qyapi.weixin.qq.com.</summary>
    public const string WeComHost = "wecom";

    /// <summary>
    /// The outbound clients: <see cref="WeChatApiClient"/> (Official Account, <c>WeChat</c> section),
    /// <see cref="MiniProgramApiClient"/> (<c>MiniProgram</c>, optional) and <see cref="WeComApiClient"/> (<c>WeCom</c>,
    /// optional). Tokens live in the <see cref="IAccessTokenStore"/> chosen by <c>AddStateStores</c>.
    /// </summary>
    public static IServiceCollection AddWeChatApiClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MiniProgramOptions>().Bind(configuration.GetSection(MiniProgramOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WeComOptions>().Bind(configuration.GetSection(WeComOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<IFlurlClientCache>(sp =>
        {
            var timeout = ApiTimeout(sp);
            return new FlurlClientCache()
                .Add(WeChatHost, sp.GetRequiredService<IOptions<WeChatOptions>>().Value.ApiBaseUrl, builder => ConfigureHttp(builder, timeout))
                .Add(WeComHost, sp.GetRequiredService<IOptions<WeComOptions>>().Value.ApiBaseUrl, builder => ConfigureHttp(builder, timeout));
        });

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WeChatOptions>>().Value;
            return CreateWeChatClient(sp, options.AppId, options.AppSecret);
        });

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MiniProgramOptions>>().Value;
            return new MiniProgramApiClient(options.IsConfigured ? CreateWeChatClient(sp, options.AppId, options.AppSecret) : null);
        });

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WeComOptions>>().Value;
            if (!options.IsConfigured)
            {
                throw new InvalidOperationException(WeComOptions.NotConfiguredMessage);
            }

            var settings = new WeComApiSettings
            {
                CorpId = options.CorpId, CorpSecret = options.Secret, AgentId = options.AgentId, BaseUrl = options.ApiBaseUrl, Timeout = ApiTimeout(sp),
            };
            return new WeComApiClient(
                sp.GetRequiredService<IFlurlClientCache>().Get(WeComHost), settings, sp.GetRequiredService<IAccessTokenStore>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WeComApiClient>>());
        });

        return services;
    }

    // Each AppId is its own token key, so the Official Account and the mini-program never share a token.
    private static WeChatApiClient CreateWeChatClient(IServiceProvider sp, string appId, string appSecret)
    {
        var baseUrl = sp.GetRequiredService<IOptions<WeChatOptions>>().Value.ApiBaseUrl;
        var settings = new WeChatApiSettings { AppId = appId, AppSecret = appSecret, BaseUrl = baseUrl, Timeout = ApiTimeout(sp) };
        return new WeChatApiClient(
            sp.GetRequiredService<IFlurlClientCache>().Get(WeChatHost), settings, sp.GetRequiredService<IAccessTokenStore>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WeChatApiClient>>());
    }

    /// <summary>The per-attempt limit of every outbound call (<c>WeChat:ApiTimeoutSeconds</c>).</summary>
    public static TimeSpan ApiTimeout(IServiceProvider services) => services.GetRequiredService<IOptions<WeChatOptions>>().Value.ApiTimeout;

    private static void ConfigureHttp(IFlurlClientBuilder builder, TimeSpan timeout) => builder
        .WithTimeout(timeout)
        .UseSocketsHttpHandler(handler =>
        {
            // Long-lived clients must still notice DNS changes of the WeChat hosts: recycle pooled connections.
            handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
            handler.ConnectTimeout = TimeSpan.FromSeconds(5);
        });
}
