using Mediator;
using Microsoft.Extensions.Options;
using WechatLogistics.Handlers.ScoreCards;

namespace WechatLogistics.Bot.Sla;

/// <summary>
/// The score cards' period-end job: every <c>ScoreCards:CheckMinutes</c> (the first time one interval after start) it sends
/// <see cref="CloseScoreCardMonthCommand"/>, which locks the month that ended and messages each team lead once. Every
/// instance runs one; the period's key in the database lets exactly one of them lock and send, as for SLA alerts.
/// </summary>
public sealed partial class ScoreCardMonitor(IServiceScopeFactory scopes, IOptions<ScoreCardOptions> options, TimeProvider time, ILogger<ScoreCardMonitor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CheckMinutes == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.CheckMinutes), time);
        while (await SlaMonitor.WaitAsync(timer, stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CloseScoreCardMonthCommand(), stoppingToken);
                if (result.Locked)
                {
                    LogLocked(logger, result.Month, result.Messages);
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
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Score cards of the month from {Month} locked; {Messages} team lead messages queued")]
    private static partial void LogLocked(ILogger logger, DateOnly month, int messages);

    [LoggerMessage(Level = LogLevel.Error, Message = "Score card period-end check failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
