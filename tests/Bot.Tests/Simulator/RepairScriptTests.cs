using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Simulator.Scripts;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary>The 报修 demo script (tools/Simulator/scripts/repair.txt) against the real Bot, as <c>wechat-sim run</c> plays it.</summary>
public sealed class RepairScriptTests
{
    [Fact]
    public async Task RepairScript_ReportsThenListsTheTicket_OneTicketDespiteTheRetry()
    {
        await using var host = new BotFactory();
        var output = new StringWriter();
        var runner = new ScriptRunner(host.CreateClient(), SimulatorTestSettings.Safe, output);
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "scripts", "repair.txt"), TestContext.Current.CancellationToken);

        var result = await runner.RunAsync(script);

        Assert.True(result.Passed, output.ToString());
        await using var scope = host.Services.CreateAsyncScope();
        var tickets = await scope.ServiceProvider.GetRequiredService<AppDbContext>().RepairTickets
            .Where(t => t.ReporterOpenId == runner.DefaultUser).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Single(tickets);
    }
}
