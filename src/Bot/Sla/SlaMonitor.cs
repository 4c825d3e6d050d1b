using Mediator;
using Microsoft.Extensions.Options;
using WechatLogistics.Handlers.Sla;

namespace WechatLogistics.Bot.Sla;

/// <summary>
/// Sends <see cref="ScanSlaCommand"/> every <c>Sla:ScanSeconds</c>. Every instance runs one: the alerts' key in the
/// database lets exactly one of them notify each stage, and all state is in the database, so a restart resumes where
/// the last scan stopped. A failed scan is logged and the next one tries again.
/// </summary>
public sealed partial class SlaMonitor(IServiceScopeFactory scopes, IOptions<SlaOptions> options, TimeProvider time, ILogger<SlaMonitor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ScanSeconds), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ScanSlaCommand(), stoppingToken);
                if (result.Warnings + result.Breaches + result.Unrouted > 0)
                {
                    LogScanned(logger, result.Warnings, result.Breaches, result.Unrouted);
                }
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
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>The next tick, or false once the host stops.</summary>
    internal static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA scan: {Warnings} warnings, {Breaches} breaches notified, {Unrouted} without recipients")]
    private static partial void LogScanned(ILogger logger, int warnings, int breaches, int unrouted);

    [LoggerMessage(Level = LogLevel.Error, Message = "SLA scan failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
