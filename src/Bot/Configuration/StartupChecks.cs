using Microsoft.Extensions.Options;

namespace WechatLogistics.Bot.Configuration;

/// <summary>Start-up warnings that options validation cannot express (valid, but dangerous, combinations).</summary>
public sealed class StartupChecks(IOptions<WeChatOptions> options, IOptions<Staff.AuthOptions> auth, ILogger<StartupChecks> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        DemoCredentials.WarnIfMisused(options.Value, auth.Value, logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
