using Microsoft.Extensions.DependencyInjection;

namespace WechatLogistics.Handlers.Sla;

public static class SlaRegistration
{
    /// <summary>The SLA options (validated at start) and the default escalation targets (<c>Sla:SupervisorUserIds</c>).</summary>
    public static IServiceCollection AddSla(this IServiceCollection services)
    {
        services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ISlaEscalationTargets, TeamSlaEscalationTargets>();
        return services;
    }
}
