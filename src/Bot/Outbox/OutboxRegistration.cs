using WechatLogistics.Bot.Outbox.Channels;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Notifications;

namespace WechatLogistics.Bot.Outbox;

public static class OutboxRegistration
{
    /// <summary>
    /// The outbox: <see cref="IOutbox"/> for handlers (rows in the scope's context), domain events mapped at save, one
    /// sender per channel, and the dispatcher (register after persistence: it starts once the database is migrated).
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        services.AddOptions<MaintenanceOptions>().BindConfiguration(MaintenanceOptions.Section);

        services.AddScoped<IOutbox, DbContextOutbox>();
        services.AddSingleton<DomainEventMappers>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxRateLimits>();
        services.AddSingleton<IOutboxChannel, CustomerServiceChannel>();
        services.AddSingleton<IOutboxChannel, SubscribeChannel>();
        services.AddSingleton<IOutboxChannel, TemplateChannel>();
        services.AddSingleton<IOutboxChannel, WeComAppChannel>();
        services.AddSingleton<IOutboxChannel, WeComRobotChannel>();
        services.AddSingleton<IOutboxChannel, InAppChannel>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
