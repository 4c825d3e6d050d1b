using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Incidents;

public static class IncidentsRegistration
{
    /// <summary>Options (validated at start) and the two event mappers: queue detection for new tickets, alert on a new incident.</summary>
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddOptions<IncidentOptions>().BindConfiguration(IncidentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IDomainEventMapper, DetectIncidentWhenRepairTicketOpened>();
        services.AddSingleton<IDomainEventMapper, AlertStaffWhenIncidentOpened>();
        return services;
    }
}
