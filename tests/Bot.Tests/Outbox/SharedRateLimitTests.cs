using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WechatLogistics.Bot.Infrastructure.Redis;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.Outbox.Channels;
using WechatLogistics.Bot.Tests.Support;

namespace WechatLogistics.Bot.Tests.Outbox;

/// <summary>
/// A group robot's 20 messages a minute are the robot's: two instances keeping the limit each would send 40 and be
/// refused (45009). With Redis, the instances share the window.
/// </summary>
public sealed class SharedRateLimitTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task TwoInstancesSendingForOneRobot_NeverExceedItsLimitInAnyWindow_Together()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.RedisConnectionString());
        var key = new RateLimitKey(RateLimitKind.Robot, "robot-" + Guid.NewGuid().ToString("N"));
        await using var first = Limits(new RedisRateWindow(redis));
        await using var second = Limits(new RedisRateWindow(redis));
        var clock = Stopwatch.StartNew();

        // 15 sends each, as the dispatcher takes permits: at once when there is one, else in the queue.
        var sends = Enumerable.Range(0, 30).Select(async i =>
        {
            var limits = i % 2 == 0 ? first : second;
            if (!limits.TryAcquire([key]))
            {
                limits.Sent(await limits.AcquireAsync([key], TestContext.Current.CancellationToken));
            }

            return clock.Elapsed;
        });
        var times = (await Task.WhenAll(sends)).Order().ToList();

        // Each instance alone allows 10 a window: without the shared window, 20 would go at once.
        Assert.All(times, t => Assert.InRange(times.Count(u => u >= t && u - t < Window), 1, 10));
        Assert.True(times[^1] >= 2 * Window, $"30 sends at 10 a window took only {times[^1]}");
    }

    [Fact]
    public async Task ASendAnsweredLongAfterItsPlaceWasTaken_CountsFromItsAnswer()
    {
        // The platform counts a send when it arrives: a place taken, then a wait for a slot or a slow network, must not
        // let the next window open early.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.RedisConnectionString());
        var key = new RateLimitKey(RateLimitKind.Robot, "robot-" + Guid.NewGuid().ToString("N"));
        await using var limits = Limits(new RedisRateWindow(redis));
        var permits = new List<SendPermit>();
        for (var i = 0; i < 10; i++)
        {
            permits.Add(await limits.AcquireAsync([key], TestContext.Current.CancellationToken));
        }

        await Task.Delay(1500, TestContext.Current.CancellationToken);
        var answered = Stopwatch.StartNew();
        permits.ForEach(limits.Sent);
        await limits.AcquireAsync([key], TestContext.Current.CancellationToken);

        // Counted from when they were taken, the eleventh would go 0.6 s after the answers (the instance's own window
        // 0.8 s after); counted from the answers, a whole window after them.
        Assert.True(answered.Elapsed >= Window, $"the eleventh send went {answered.Elapsed} after the first ten were answered");
    }

    [Fact]
    public async Task RedisUnreachable_EachInstanceKeepsItsOwnLimit_AndSaysSo()
    {
        var unreachable = ConfigurationOptions.Parse("127.0.0.1:1,abortConnect=false,connectTimeout=200,asyncTimeout=500");
        unreachable.BacklogPolicy = BacklogPolicy.FailFast;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(unreachable);
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var limits = Limits(new RedisRateWindow(redis), loggers);
        var key = new RateLimitKey(RateLimitKind.Robot, "robot-" + Guid.NewGuid().ToString("N"));

        for (var i = 0; i < 10; i++)
        {
            Assert.False(limits.TryAcquire([key]));
            await limits.AcquireAsync([key], TestContext.Current.CancellationToken);
        }

        // The instance's own window is used up: the eleventh waits for it.
        var eleventh = limits.AcquireAsync([key], TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(eleventh.IsCompleted);
        Assert.Equal(10, logs.Count("could not be checked in Redis"));
        await eleventh;
    }

    private static OutboxRateLimits Limits(ISharedRateWindow shared, ILoggerFactory? loggers = null) => new(
        Options.Create(new OutboxOptions { RateWindow = Window, RobotPerWindow = 10 }),
        (loggers ?? NullLoggerFactory.Instance).CreateLogger<OutboxRateLimits>(),
        shared);
}
