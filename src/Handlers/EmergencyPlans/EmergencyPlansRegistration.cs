using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.EmergencyPlans;

public static class EmergencyPlansRegistration
{
    /// <summary>Options and the mapper that tells each task's people on WeCom.</summary>
    public static IServiceCollection AddEmergencyPlans(this IServiceCollection services)
    {
        services.AddOptions<PlanOptions>().BindConfiguration(PlanOptions.Section).ValidateOnStart();
        services.AddSingleton<IDomainEventMapper, NotifyStaffWhenEmergencyPlanStarted>();
        return services;
    }
}
