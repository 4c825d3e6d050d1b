using StackExchange.Redis;
using WechatLogistics.Bot.Infrastructure.InProcess;
using WechatLogistics.Bot.Infrastructure.Redis;
using WechatLogistics.Bot.MiniProgram.Sessions;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Wechat.Api.Tokens;

namespace WechatLogistics.Bot.Infrastructure;

public static partial class StateStoreRegistration
{
    /// <summary>
    /// Sessions, the delivery ledger, the API access-token cache, the mini-program's sign-ins and the shared send limits: Redis when <c>ConnectionStrings:Redis</c> is set (any number of instances),
    /// otherwise in this process (one instance only, said loudly at start).
    /// </summary>
    public static IServiceCollection AddStateStores(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<ISessionStore, InMemorySessionStore>();
            services.AddSingleton<InMemoryContactWindow>();
            services.AddSingleton<IContactWindow>(sp => sp.GetRequiredService<InMemoryContactWindow>());
            services.AddSingleton<IDeliveryLedger, InMemoryDeliveryLedger>();
            services.AddSingleton<IAccessTokenStore, InMemoryAccessTokenStore>();
            services.AddSingleton<IMiniSessionStore, InMemoryMiniSessionStore>();
            services.AddHostedService<StartupNotice>();
            return services;
        }

        var redisOptions = ConfigurationOptions.Parse(redis);
        // Start even when Redis is down (it may come back); callers get errors until it does.
        redisOptions.AbortOnConnectFail = false;
        // While Redis is unreachable, fail at once instead of queueing until a timeout: WeChat waits 5 s, not more.
        redisOptions.BacklogPolicy = BacklogPolicy.FailFast;
        // A Redis that hangs fails a call after 2 s (the library's default is 5 s), inside the webhook's 4 s budget,
        // unless the connection string chose its own.
        if (!redis.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            redisOptions.AsyncTimeout = 2_000;
        }
        redisOptions.ClientName ??= "wechat-logistics-bot";
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisOptions));
        services.AddSingleton<RedisBatcher>();
        services.AddSingleton<ISessionStore, RedisSessionStore>();
        services.AddSingleton<IDeliveryLedger, RedisDeliveryLedger>();
        services.AddSingleton<IContactWindow, RedisContactWindow>();
        services.AddSingleton<IAccessTokenStore, RedisAccessTokenStore>();
        services.AddSingleton<IMiniSessionStore, RedisMiniSessionStore>();
        services.AddSingleton<ISharedRateWindow, RedisRateWindow>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }

    private sealed partial class StartupNotice(ILogger<StartupNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogSingleInstance(logger);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message =
            "ConnectionStrings:Redis is empty: sessions, message dedupe and API access tokens are kept in this process. " +
            "This is single-instance mode; set ConnectionStrings__Redis before running more than one Bot instance.")]
        private static partial void LogSingleInstance(ILogger logger);
    }
}
