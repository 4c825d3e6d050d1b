using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Simulator.Callback;
using WechatLogistics.Simulator.Scripts;

namespace WechatLogistics.Bot.Tests.Simulator;

/// <summary>The service dialogs' sample scripts (志愿, 反馈) played against the real Bot, as <c>wechat-sim run</c> plays them.</summary>
public sealed class ServiceScriptTests
{
    private readonly StringWriter _output = new();

    [Theory]
    [InlineData(CallbackMode.Safe)]
    [InlineData(CallbackMode.Plain)]
    public async Task VolunteerScript_Passes_AndLeavesTheShiftAsItFoundIt(CallbackMode mode)
    {
        await using var host = new BotFactory(TestServers.RedisConnectionString());
        var runner = new ScriptRunner(host.CreateClient(), SimulatorTestSettings.For(mode), _output);

        var result = await runner.RunAsync(await ScriptAsync("volunteer.txt"));

        Assert.True(result.Passed, _output.ToString());
        Assert.Equal(result.TotalChecks, result.PassedChecks);
        var open = await host.Services.QueryAsync(new Handlers.Volunteering.ListOpenShiftsQuery { VolunteerOpenId = runner.DefaultUser });
        Assert.Equal(Domain.Volunteering.SignupStatus.Cancelled, Assert.Single(open.Items, s => s.MyStatus is not null).MyStatus);
    }

    [Fact]
    public async Task VolunteerScript_OnAFullShift_PassesWithAWaitlistPlace()
    {
        await using var host = new BotFactory(TestServers.RedisConnectionString());
        var first = (await host.Services.QueryAsync(new Handlers.Volunteering.ListOpenShiftsQuery())).Items[0];
        for (var i = 0; i < first.Capacity; i++)
        {
            await host.Services.SendAsync(new Handlers.Volunteering.ClaimShiftCommand($"o-early-{i}", first.ShiftId));
        }

        var result = await new ScriptRunner(host.CreateClient(), SimulatorTestSettings.Safe, _output).RunAsync(await ScriptAsync("volunteer.txt"));

        Assert.True(result.Passed, _output.ToString());
        Assert.Contains("已加入候补，第1位", _output.ToString());
    }

    [Fact]
    public async Task FeedbackScript_Passes_AndStoresTwoFeedbacks()
    {
        await using var host = new BotFactory(TestServers.RedisConnectionString());
        var runner = new ScriptRunner(host.CreateClient(), SimulatorTestSettings.Safe, _output);

        var result = await runner.RunAsync(await ScriptAsync("feedback.txt"));

        Assert.True(result.Passed, _output.ToString());
        var stored = (await host.Services.FeedbackOfAsync(runner.DefaultUser)).OrderBy(f => f.Stars).ToList();
        Assert.Equal(
            [(FeedbackSubject.Canteen, "第一食堂", 2, true), (FeedbackSubject.Dorm, null, 5, false)],
            stored.Select(f => (f.Subject, f.PlaceName, f.Stars, f.IsAnonymous)));
    }

    private static Task<string> ScriptAsync(string name) => File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "scripts", name));
}
