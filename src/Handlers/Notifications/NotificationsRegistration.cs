using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Notifications;

public static class NotificationsRegistration
{
    /// <summary>The domain-event mappers (singletons: the database context runs them at every save).</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton<IDomainEventMapper, NotifyMaintainersWhenRepairTicketOpened>();
        services.AddSingleton<IDomainEventMapper, NotifyStudentWhenRepairTicketStatusChanged>();
        services.AddSingleton<IDomainEventMapper, NotifyWorkerWhenRepairTicketAssigned>();
        services.AddSingleton<IDomainEventMapper, NotifyVolunteerWhenShiftSignupPromoted>();
        return services;
    }
}
