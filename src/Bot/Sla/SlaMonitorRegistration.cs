using WechatLogistics.Bot.Outbox.Channels;
using WechatLogistics.Bot.Persistence.Kpis;
using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Bot.Sla;

public static class SlaMonitorRegistration
{
    /// <summary>
    /// The staff side's background and storage pieces: the SLA monitor, the score-card period-end job, the incident-detection outbox
    /// channel and the KPI reader (register after persistence and the outbox: the monitor starts once the database is migrated).
    /// </summary>
    public static IServiceCollection AddSlaMonitorAndKpis(this IServiceCollection services)
    {
        services.AddScoped<IKpiReader, KpiReader>();
        services.AddSingleton<IOutboxChannel, IncidentCheckChannel>();
        services.AddSingleton<IOutboxChannel, PlanAutoStartChannel>();
        services.AddHostedService<SlaMonitor>();
        services.AddHostedService<ScoreCardMonitor>();
        return services;
    }
}
