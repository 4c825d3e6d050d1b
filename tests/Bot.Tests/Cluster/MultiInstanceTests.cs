using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using WechatLogistics.Bot.Configuration;
using WechatLogistics.Bot.Infrastructure.Redis;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Simulator.Callback;

namespace WechatLogistics.Bot.Tests.Cluster;

/// <summary>
/// Two Bot instances on one PostgreSQL and one Redis (scripts/cluster.sh): whichever instance a delivery lands on,
/// each message is processed once, a dialog goes on where it left off, capacity holds, and shared work (token refresh,
/// outbox) is done once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MultiInstanceTests
{
    private readonly TestCluster _cluster = TestCluster.Get();

    private static string NewStudent(string tag) => $"o-{tag}-{Guid.NewGuid():N}";

    [Fact]
    public async Task RetryOfOneMessage_LandingOnTheOtherInstance_IsProcessedOnce()
    {
        var first = _cluster.Connect(_cluster.Instances[0]);
        var second = _cluster.Connect(_cluster.Instances[1]);
        var student = NewStudent("retry");
        foreach (var line in ClusterChat.RepairUpToConfirm)
        {
            await ClusterChat.SayAsync(_cluster, first, student, line);
        }

        var confirm = first.Compose(new SendText("确认"), student);
        var answer = await first.DeliverAsync(confirm);
        var retry = await second.DeliverAsync(confirm);

        var number = ClusterChat.TicketNumberIn(answer.Text);
        Assert.NotNull(number);
        Assert.Equal(answer.Text, retry.Text);
        await using var db = _cluster.Database();
        var tickets = await db.RepairTickets.Where(t => t.ReporterOpenId == student).Select(t => t.Number).ToListAsync();
        Assert.Equal(number, Assert.Single(tickets).ToString());
    }

    [Fact]
    public async Task Dialog_StartedOnOneInstance_ContinuesOnTheOther()
    {
        var connections = _cluster.Instances.Select(_cluster.Connect).ToArray();
        var student = NewStudent("hop");
        var answers = new List<BotAnswer>();
        string[] lines = [.. ClusterChat.RepairUpToConfirm, "确认"];
        for (var i = 0; i < lines.Length; i++)
        {
            // Every step on the other instance than the one before.
            answers.Add(await ClusterChat.SayAsync(_cluster, connections[i % connections.Length], student, lines[i]));
        }

        Assert.Contains("请问是哪类问题", answers[0].Text);
        Assert.Contains("地点：东区学生公寓1号楼 302", answers[^2].Text);
        Assert.NotNull(ClusterChat.TicketNumberIn(answers[^1].Text));
        await using var db = _cluster.Database();
        Assert.Equal(1, await db.RepairTickets.CountAsync(t => t.ReporterOpenId == student));
    }

    [Fact]
    public async Task TwoHundredConcurrentClaims_SplitAcrossInstances_KeepTheCapacity_ThenOneAnnouncementReachesEachVolunteerOnce()
    {
        const int Volunteers = 200;
        const int Capacity = 20;
        var shift = await AddShiftStartingFirstAsync(Capacity);
        var students = Enumerable.Range(0, Volunteers).Select(_ => NewStudent("claim")).ToArray();
        var connections = _cluster.Instances.Select(_cluster.Connect).ToArray();

        var answers = await Task.WhenAll(students.Select(async (student, i) =>
        {
            var connection = connections[i % connections.Length];
            var list = await ClusterChat.SayAsync(_cluster, connection, student, "志愿");
            Assert.Contains("1. " + shift.Title, list.Text);
            return await ClusterChat.SayAsync(_cluster, connection, student, "1");
        }));

        var outcomes = string.Join(" | ", answers.GroupBy(a => a.Text.Split('\n')[0]).Select(g => $"{g.Count()}× {g.Key}"));
        Assert.True(Capacity == answers.Count(a => a.Text.Contains("报名成功", StringComparison.Ordinal)), outcomes);
        Assert.True(Volunteers - Capacity == answers.Count(a => a.Text.Contains("已加入候补", StringComparison.Ordinal)), outcomes);
        await using (var db = _cluster.Database())
        {
            var stored = await db.VolunteerShifts.AsNoTracking().SingleAsync(s => s.Id == shift.Id);
            Assert.Equal(Capacity, stored.Signups.Count(s => s.Status == SignupStatus.Confirmed));
            Assert.Equal(Volunteers - Capacity, stored.Signups.Count(s => s.Status == SignupStatus.Waitlisted));
        }

        await AnnouncementToVolunteers_IsSentOncePerVolunteer_WithOneTokenFetchAsync(students);
    }

    // Both instances' outbox dispatchers share the fan-out; both need the Official Account token, which is cached in
    // Redis and refreshed under a lock: one stable_token call, one customer-service message per volunteer.
    private async Task AnnouncementToVolunteers_IsSentOncePerVolunteer_WithOneTokenFetchAsync(IReadOnlyCollection<string> volunteers)
    {
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(_cluster.Redis))
        {
            await redis.GetDatabase().KeyDeleteAsync(RedisKeys.AccessToken(DemoCredentials.AppId));
        }

        var since = (await _cluster.FakeApiCallsAsync()).Select(c => c.Seq).DefaultIfEmpty(0).Max();
        using var staff = new HttpClient { BaseAddress = _cluster.Balancer };
        var token = await StaffApi.LoginAsync(staff);
        var published = await StaffApi.PublishAsync(staff, token, "志愿者集合通知", "明早8点图书馆门口集合。", "Volunteers");
        Assert.True(published.Recipients >= volunteers.Count, $"{published.Recipients} recipients");

        var sends = await WaitForAsync(async () =>
        {
            var calls = (await _cluster.FakeApiCallsAsync()).Where(c => c.Seq > since).ToList();
            var messages = calls.Where(c => c.Path == "/cgi-bin/message/custom/send" && c.Content?.Contains("志愿者集合通知", StringComparison.Ordinal) == true).ToList();
            return (calls, messages, done: volunteers.All(v => messages.Any(m => m.ToUser == v)));
        }, r => r.done, TimeSpan.FromSeconds(90));

        foreach (var volunteer in volunteers)
        {
            Assert.Single(sends.messages, m => m.ToUser == volunteer && m.ErrCode == 0);
        }

        Assert.Single(sends.calls, c => c.Path == "/cgi-bin/stable_token");
    }

    [Fact]
    public async Task SlaMonitors_OnBothInstances_NotifyEachStageOfAnOverdueTicketOnce()
    {
        // A report from 9 hours ago that nobody took: its response clock (normal: 8 h) is past warning and breach.
        var openedAt = DateTimeOffset.UtcNow.AddHours(-9);
        var number = Domain.RepairTickets.RepairTicketNumber.Create(new DateOnly(2020, 1, 1), Random.Shared.Next(1, 999_999));
        var ticket = Domain.RepairTickets.RepairTicket.Open(
            number, NewStudent("sla"), Domain.ReferenceData.ReferenceDataSeed.CategoryId("WATER-TAP"), Domain.ReferenceData.ReferenceDataSeed.LocationId("E-D01"),
            "302", "水龙头一直滴水", [], Domain.RepairTickets.Priority.Normal, Domain.RepairTickets.SlaPolicy.Default, openedAt);
        await using (var db = _cluster.Database())
        {
            db.RepairTickets.Add(ticket);
            await db.SaveChangesAsync();
        }

        // Both instances scan every few seconds (scripts/test.sh starts the cluster with Sla__ScanSeconds=5).
        var alerts = await WaitForAsync(
            async () =>
            {
                await using var db = _cluster.Database();
                return await db.SlaAlerts.AsNoTracking().Where(a => a.TicketId == ticket.Id).ToListAsync();
            },
            found => found.Count >= 2,
            TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(12)); // two more scans on each instance: nothing new may appear

        await using var check = _cluster.Database();
        var stages = await check.SlaAlerts.AsNoTracking().Where(a => a.TicketId == ticket.Id).Select(a => new { a.Clock, a.Stage }).ToListAsync();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(2, stages.Count);
        Assert.Equal(stages.Count, stages.Distinct().Count());
        var messages = await check.OutboxMessages.AsNoTracking()
            .Where(m => m.IdempotencyKey.StartsWith("sla|sla:" + ticket.Id.ToString("N"))).CountAsync();
        Assert.Equal(2, messages);
    }

    private async Task<VolunteerShift> AddShiftStartingFirstAsync(int capacity)
    {
        await using var db = _cluster.Database();
        var now = DateTimeOffset.UtcNow;
        // Sooner than any other open shift, so it is number 1 in everyone's list.
        var soonest = await db.VolunteerShifts.Where(s => s.StartsAt > now).Select(s => (DateTimeOffset?)s.StartsAt).MinAsync() ?? now.AddDays(1);
        var startsAt = now + (soonest - now) / 2;
        var shift = VolunteerShift.Create("集群压测岗" + Random.Shared.Next(1000, 9999), "图书馆", startsAt, startsAt.AddHours(2), capacity, now);
        db.VolunteerShifts.Add(shift);
        await db.SaveChangesAsync();
        return shift;
    }

    internal static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }

            await Task.Delay(500);
        }
    }
}
