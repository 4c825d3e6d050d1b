using Mediator;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Http;
using WechatLogistics.Bot.Infrastructure;
using WechatLogistics.Bot.MiniProgram;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Sla;
using WechatLogistics.Bot.Staff;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Bot.WeChat.Audience;
using WechatLogistics.Bot.WeChat.Deferred;
using WechatLogistics.Bot.WeChat.Outbound;
using WechatLogistics.Handlers;
using WechatLogistics.Handlers.Common;
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
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapping>();
        // Staff API bodies name enums by their names ("Audience": "Building").
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddStaffAuth();
        services.AddMiniProgramApi();
        services.AddApiDocument();
        services.AddReverseProxySupport();

        services.AddMediator((MediatorOptions options) =>
        {
            // Scoped: handlers will use a DbContext. Behaviors run in the order listed.
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ChatErrorBehavior), typeof(ValidationBehavior<,>)];
        });
        services.AddHandlers();
        services.AddStateStores(configuration);
        services.AddWeChatApiClients(configuration);
        services.AddPersistence(configuration);
        services.AddOutbox();
        services.AddSlaMonitorAndKpis();

        services.AddSingleton<FollowerTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<FollowerTracker>());
        services.AddWebhookAdmission();
        services.AddSingleton<DeliveryGate>();
        services.AddSingleton<MessageDispatcher>();
        services.AddSingleton<OfficialAccountReceiver>();
        services.AddSingleton<WeComReceiver>();
        services.AddDeferredDeliveries();
        services.AddDeferredReplay<MessageDispatcher>(MessageDispatcher.ReplayName);
        services.AddDeferredReplay<WeComReceiver>(WeComReceiver.ReplayName);
        services.AddCallbackRateLimit();
        services.AddSingleton<IDeferredReplySender, CustomerServiceReplySender>();
        services.AddHostedService<StartupChecks>();
        return services;
    }
}
