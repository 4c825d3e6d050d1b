using WechatLogistics.Bot.Outbox.Channels;
using WechatLogistics.Bot.Persistence.Kpis;
using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Bot.Sla;

public static class SlaMonitorRegistration
{
    /// <summary>
    /// The staff side's background and storage pieces: the SLA monitor, the score-card period-end job, the incident-detection outbox
    /// channel, the KPI reader and its daily rollup job (register after persistence and the outbox: the monitor starts once the database is migrated).
    /// </summary>
    public static IServiceCollection AddSlaMonitorAndKpis(this IServiceCollection services)
    {
        services.AddScoped<IKpiReader, KpiReader>();
        services.AddScoped<KpiRollup>();
        services.AddOptions<KpiRollupOptions>().BindConfiguration(KpiRollupOptions.Section)
            .Validate(o => o.IsValid, "Kpis:RollupInterval must be 0 (off) or positive, and Kpis:BatchDays between 1 and 366.").ValidateOnStart();
        services.AddSingleton<IOutboxChannel, IncidentCheckChannel>();
        services.AddSingleton<IOutboxChannel, PlanAutoStartChannel>();
        services.AddHostedService<SlaMonitor>();
        services.AddHostedService<ScoreCardMonitor>();
        services.AddHostedService<KpiRollupMonitor>();
        return services;
    }
}
