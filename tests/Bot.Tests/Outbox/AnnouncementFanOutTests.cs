using Mediator;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Handlers.Announcements;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Outbox;

/// <summary>Announcements to many students through the fake API: nothing lost, nothing twice, whatever happens.</summary>
public sealed class AnnouncementFanOutTests
{
    private const string CustomSend = "/cgi-bin/message/custom/send";

    [Fact]
    public async Task HostStoppedMidFanOut_NewHostOnTheSameDatabase_EveryRecipientGetsItExactlyOnce()
    {
        await using var bed = await OutboxTestBed.CreateAsync(fake: new FakeApiOptions { LatencyMs = 15 });
        await bed.AddFollowersAsync(200);
        var slow = new Dictionary<string, string?> { ["Outbox:MaxConcurrency"] = "4", ["Outbox:BatchSize"] = "20" };
        var first = bed.StartHost(slow);
        await bed.OpenWindowsAsync(first, Enumerable.Range(0, 200).Select(bed.User));

        var published = await PublishAsync(first, AnnouncementAudience.Everyone);
        await OutboxTestBed.WaitForAsync(() => bed.Delivered(CustomSend).Count >= 40, TimeSpan.FromSeconds(30), "the first host to send some");
        await bed.StopAsync(first);
        var sentByFirst = bed.Delivered(CustomSend).Count;
        var second = bed.StartHost(slow);
        var rows = await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(60), expectedRows: 200);

        var delivered = bed.Delivered(CustomSend);
        Assert.Equal(200, published.Recipients);
        Assert.InRange(sentByFirst, 40, 199);
        Assert.Equal(Enumerable.Range(0, 200).Select(bed.User).Order(), delivered.Keys.Order());
        Assert.All(delivered, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(200, bed.Fake.State.Log.Snapshot().Count(c => c.Path == CustomSend));
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        var report = await ReportAsync(second, published.Id);
        Assert.Equal((200, 200, 0, 0, 0), (report.Recipients, report.Sent, report.Pending, report.Skipped, report.Failed));
    }

    [Fact]
    public async Task HostsStoppedAtManyMoments_NoneLeavesARowLeased_TheLastDeliversTheRestOnce()
    {
        // Fast sends and small batches: claims follow each other every few milliseconds, so some stops land between a
        // claim's UPDATE and the read of the rows it took. Such rows must be released too, not left to their lease.
        // Enough recipients that twelve hosts (a few hundred sends each on a fast machine) do not finish them.
        await using var bed = await OutboxTestBed.CreateAsync(fake: new FakeApiOptions { LatencyMs = 1 });
        await bed.AddFollowersAsync(4000);
        var quick = new Dictionary<string, string?> { ["Outbox:MaxConcurrency"] = "2", ["Outbox:BatchSize"] = "6" };
        var host = bed.StartHost(quick);
        await bed.OpenWindowsAsync(host, Enumerable.Range(0, 4000).Select(bed.User));
        var published = await PublishAsync(host, AnnouncementAudience.Everyone);

        var leasedAfterStop = new List<int>();
        for (var stop = 0; stop < 12 && bed.Delivered(CustomSend).Count < 3800; stop++)
        {
            var sentBefore = bed.Delivered(CustomSend).Count;
            await OutboxTestBed.WaitForAsync(() => bed.Delivered(CustomSend).Count >= sentBefore + 3 + (stop % 4 * 3), TimeSpan.FromSeconds(30), "sends before the stop");
            await bed.StopAsync(host);
            leasedAfterStop.Add((await bed.RowsAsync()).Count(r => r.LockOwner is not null));
            host = bed.StartHost(quick);
        }

        Assert.True(leasedAfterStop.Count >= 10, $"only {leasedAfterStop.Count} stops");
        Assert.All(leasedAfterStop, leased => Assert.Equal(0, leased));
        var rows = await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(60), expectedRows: 4000);

        Assert.Equal(4000, published.Recipients);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(4000, bed.Delivered(CustomSend).Count);
        Assert.All(bed.Delivered(CustomSend), pair => Assert.Equal(1, pair.Value));
    }

    [Fact]
    public async Task ThousandRecipients_TenPercentSystemErrors_AllDeliveredAfterRetries_ReportSaysThousandSent()
    {
        await using var bed = await OutboxTestBed.CreateAsync(fake: new FakeApiOptions { FailRate = 0.10, Seed = 20251128 });
        await bed.AddFollowersAsync(1000);
        var host = bed.StartHost(new Dictionary<string, string?> { ["Outbox:MaxConcurrency"] = "32" });
        await bed.OpenWindowsAsync(host, Enumerable.Range(0, 1000).Select(bed.User));

        var published = await PublishAsync(host, AnnouncementAudience.Everyone);
        await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(90), expectedRows: 1000);

        var calls = bed.Fake.State.Log.Snapshot().Where(c => c.Path == CustomSend).ToList();
        Assert.Contains(calls, c => c.ErrCode == -1);
        Assert.Equal(1000, calls.Count(c => c.ErrCode == 0));
        Assert.All(bed.Delivered(CustomSend), pair => Assert.Equal(1, pair.Value));
        var report = await ReportAsync(host, published.Id);
        Assert.Equal((1000, 1000, 0, 0, 0), (report.Recipients, report.Sent, report.Pending, report.Skipped, report.Failed));
        Assert.Equal(1000, report.SentByChannel["CustomerService"]);
    }

    [Fact]
    public async Task WeChatOutage_DelaysNotificationsButLosesNone()
    {
        await using var bed = await OutboxTestBed.CreateAsync();
        await bed.AddFollowersAsync(30);
        var host = bed.StartHost(new Dictionary<string, string?> { ["Outbox:RetryBaseDelay"] = "00:00:00.200", ["Outbox:MaxRetryDelay"] = "00:00:01" });
        await bed.OpenWindowsAsync(host, Enumerable.Range(0, 30).Select(bed.User));
        var restart = await bed.StopApiAsync();

        var published = await PublishAsync(host, AnnouncementAudience.Everyone);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var duringOutage = await bed.RowsAsync();
        await restart();
        await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(30), expectedRows: 30);

        Assert.All(duringOutage, r => Assert.Equal(OutboxStatus.Pending, r.Status));
        Assert.Contains(duringOutage, r => r.Attempts > 0);
        Assert.Equal(30, bed.Delivered(CustomSend).Count);
        Assert.All(bed.Delivered(CustomSend), pair => Assert.Equal(1, pair.Value));
        var report = await ReportAsync(host, published.Id);
        Assert.Equal((30, 0), (report.Sent, report.Failed));
    }

    [Fact]
    public async Task TwoHostsOnOnePostgres_NeverSendTheSameItemTwice()
    {
        await using var bed = await OutboxTestBed.CreateAsync(DatabaseProvider.Postgres, new FakeApiOptions { LatencyMs = 5 });
        await bed.AddFollowersAsync(300);
        var small = new Dictionary<string, string?> { ["Outbox:BatchSize"] = "10", ["Outbox:MaxConcurrency"] = "8" };
        var first = bed.StartHost(small);
        var second = bed.StartHost(small);
        await bed.OpenWindowsAsync(first, Enumerable.Range(0, 300).Select(bed.User));

        await PublishAsync(first, AnnouncementAudience.Everyone);
        await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(60), expectedRows: 300);

        var calls = bed.Fake.State.Log.Snapshot().Where(c => c.Path == CustomSend).ToList();
        Assert.Equal(300, calls.Count);
        Assert.Equal(300, calls.Select(c => c.ToUser).Distinct().Count());
        GC.KeepAlive(second);
    }

    [Fact]
    public async Task ScheduledAnnouncement_WaitsUntilItsTime()
    {
        await using var bed = await OutboxTestBed.CreateAsync();
        await bed.AddFollowersAsync(3);
        var host = bed.StartHost();
        await bed.OpenWindowsAsync(host, Enumerable.Range(0, 3).Select(bed.User));

        var due = DateTimeOffset.UtcNow.AddSeconds(2);
        await PublishAsync(host, AnnouncementAudience.Everyone, scheduledAt: due);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var early = bed.Delivered(CustomSend).Count;
        await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(20), expectedRows: 3);

        Assert.Equal(0, early);
        Assert.Equal(3, bed.Delivered(CustomSend).Count);
        Assert.All(bed.Fake.State.Log.Snapshot().Where(c => c.Path == CustomSend), c => Assert.True(c.At >= due.AddMilliseconds(-50)));
    }

    internal static async Task<PublishAnnouncementResult> PublishAsync(
        BotFactory host, AnnouncementAudience audience, Guid? buildingId = null, DateTimeOffset? scheduledAt = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(
            new PublishAnnouncementCommand("停水通知", "东区今晚22:00至次日6:00停水，请提前储水。", audience, buildingId, scheduledAt, "test-staff"));
    }

    private static async Task<AnnouncementDeliveryReport> ReportAsync(BotFactory host, Guid id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetAnnouncementDeliveryReportQuery(id));
    }
}
