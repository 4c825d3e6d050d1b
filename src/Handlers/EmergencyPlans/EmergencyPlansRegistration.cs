using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.EmergencyPlans;

public static class EmergencyPlansRegistration
{
    /// <summary>Options and the mappers: tell each task's people on WeCom; queue the auto-start of a new incident's plan.</summary>
    public static IServiceCollection AddEmergencyPlans(this IServiceCollection services)
    {
        services.AddOptions<PlanOptions>().BindConfiguration(PlanOptions.Section).ValidateOnStart();
        services.AddSingleton<IDomainEventMapper, NotifyStaffWhenEmergencyPlanStarted>();
        services.AddSingleton<IDomainEventMapper, StartPlanWhenIncidentOpened>();
        return services;
    }
}
