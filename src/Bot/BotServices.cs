using Mediator;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Infrastructure;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Handlers;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot;

/// <summary>The Bot's composition root, kept out of Program.cs so tests and tools build the same graph.</summary>
public static class BotServices
{
    public static IServiceCollection AddBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WeChatOptions>().BindConfiguration(WeChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChatSessionOptions>().BindConfiguration(ChatSessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddHealthChecks();

        services.AddMediator((MediatorOptions options) =>
        {
            // Scoped: handlers will use a DbContext. Behaviors run in the order listed.
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ChatErrorBehavior)];
        });
        services.AddHandlers();
        services.AddStateStores(configuration);
        services.AddPersistence(configuration);

        services.AddSingleton<MessageDispatcher>();
        services.AddSingleton<OfficialAccountReceiver>();
        services.AddSingleton<IDeferredReplySender, LoggingDeferredReplySender>();
        services.AddHostedService<StartupChecks>();
        return services;
    }
}
