using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Handlers.Announcements;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Notifications;

namespace WechatLogistics.Handlers;

public static class DependencyInjection
{
    /// <summary>The use-case layer's own services (Mediator handlers are registered by the host's generated AddMediator).</summary>
    public static IServiceCollection AddHandlers(this IServiceCollection services)
    {
        // Scoped: dialogs may send Mediator messages (scoped, they use the DbContext).
        services.AddScoped<DialogRegistry>();
        services.AddNotifications();
        services.AddAnnouncements();
        return services;
    }
}
