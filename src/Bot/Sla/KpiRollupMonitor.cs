using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Persistence.Kpis;

namespace WechatLogistics.Bot.Sla;

/// <summary>
/// Runs <see cref="KpiRollup"/> every <c>Kpis:RollupInterval</c> (the first time one interval after start; 0 = off).
/// Every instance runs one, as with the SLA monitor: the rollup's lock lets one instance work at a time and the next
/// finds the days done; all state is in the database, so a restart resumes where the last run stopped.
/// </summary>
public sealed partial class KpiRollupMonitor(IServiceScopeFactory scopes, IOptions<KpiRollupOptions> options, TimeProvider time, ILogger<KpiRollupMonitor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RollupInterval == TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RollupInterval, time);
        while (await SlaMonitor.WaitAsync(timer, stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<KpiRollup>().RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "KPI rollup failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
