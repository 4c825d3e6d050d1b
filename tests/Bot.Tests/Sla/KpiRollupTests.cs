using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Persistence.Kpis;
using WechatLogistics.Bot.Sla;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Bot.Tests.Sla;

/// <summary>
/// The rolled-up KPI read against the all-live one (<see cref="KpiReader.ReadLiveAsync"/>) on a seeded random week of
/// tickets: counts equal exactly, percentiles within <see cref="KpiSketch.RelativeError"/> (they go through the sketch).
/// Day 0 is 2026-04-06 (campus); reports on days 0–5 and on the morning of day 8, when the clock stands at 12:00.
/// </summary>
public sealed class KpiRollupTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 4, 5, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Noon8 = Day0.AddDays(8).AddHours(12);
    private static readonly Actor Dispatcher = Actor.Staff("dispatcher");

    private static readonly KpiDimension[] All =
        [KpiDimension.Overall, KpiDimension.Category, KpiDimension.Building, KpiDimension.Team, KpiDimension.Worker, KpiDimension.Day];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RolledUpRead_EqualsTheAllLiveRead_BeforeAndAfterTicketsChangeOnRolledDays(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Day0);
        var tickets = await SeedAsync(desk, seed: 5);

        var first = await RollUpAsync(desk);

        Assert.Equal((8, 0), (first.Days, first.Again)); // days 0–7; day 8 is today
        Assert.True(await RolledRowsAsync(desk) > 0);
        await AssertSameAsLiveAsync(desk, Day0, Day0.AddDays(9));
        // A period whose edges fall inside days: the partial days are read live.
        await AssertSameAsLiveAsync(desk, Day0.AddDays(1).AddHours(13), Day0.AddDays(4).AddHours(9.5));

        // After the rollup: students confirm (and rate) late, reopen; staff cancel; workers take waiting reports.
        var at = Noon8;
        foreach (var (id, status) in tickets)
        {
            at = at.AddMinutes(1);
            await desk.ActAsync(id, t => Change(t, status, at));
        }

        desk.Clock.SetUtcNow(at.AddMinutes(1));
        await AssertSameAsLiveAsync(desk, Day0, Day0.AddDays(9));

        desk.Clock.SetUtcNow(at.AddMinutes(30));
        var second = await RollUpAsync(desk);

        Assert.True(second.Again > 0, "the days whose reports closed after the first rollup are rolled up again");
        await AssertSameAsLiveAsync(desk, Day0, Day0.AddDays(9));
        await AssertSameAsLiveAsync(desk, Day0.AddDays(2).AddHours(3), Day0.AddDays(8).AddHours(11));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TwoRunsAtOnce_RollEachDayUpOnce(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Day0);
        await SeedAsync(desk, seed: 11);

        var runs = await Task.WhenAll(RollUpAsync(desk), RollUpAsync(desk));

        Assert.Equal(8, runs.Sum(r => r.Days));
        await using (var db = desk.Database.CreateContext())
        {
            Assert.Equal(8, await db.Set<KpiRollupDay>().CountAsync(Ct));
            var opened = await db.Set<KpiDailyRollup>().Where(r => r.Dimension == KpiDimension.Overall).SumAsync(r => r.Opened, Ct);
            var final = await db.RepairTickets.CountAsync(t => t.OpenedAt < Day0.AddDays(8) && t.ClosedAt != null, Ct);
            Assert.Equal(final, opened);
        }

        await AssertSameAsLiveAsync(desk, Day0, Day0.AddDays(9));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SecondRun_WithNothingChanged_RollsNothingUpAgain(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Day0);
        await SeedAsync(desk, seed: 3);
        await RollUpAsync(desk);
        var rows = await RolledRowsAsync(desk);

        desk.Clock.Advance(TimeSpan.FromHours(1));
        var again = await RollUpAsync(desk);

        Assert.Equal(new KpiRollupResult(0, 0, 0), again);
        Assert.Equal(rows, await RolledRowsAsync(desk));
        await AssertSameAsLiveAsync(desk, Day0, Day0.AddDays(9));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Job_RollsUpTheFinishedDays_OneIntervalAfterStart(DatabaseProvider provider)
    {
        await using var desk = await StaffDesk.CreateAsync(provider, Day0, new Dictionary<string, string?> { ["Kpis:RollupInterval"] = "00:05:00" });
        await SeedAsync(desk, seed: 2);
        var job = desk.Services.GetServices<IHostedService>().OfType<KpiRollupMonitor>().Single();
        await job.StartAsync(Ct);
        Assert.Equal(0, await RolledDaysAsync(desk));

        // .NET 10 starts ExecuteAsync on the thread pool, so its timer may not exist yet: keep moving the fake clock by an
        // interval (at most 2.5 h, still day 8) until the job has run.
        for (var i = 0; i < 600 && await RolledDaysAsync(desk) < 8; i++)
        {
            if (i % 20 == 0)
            {
                desk.Clock.Advance(TimeSpan.FromMinutes(5));
            }

            await Task.Delay(50, Ct);
        }

        await job.StopAsync(Ct);
        Assert.Equal(8, await RolledDaysAsync(desk));
    }

    [Theory]
    [InlineData("Kpis:BatchDays", "0")]
    [InlineData("Kpis:RollupInterval", "-00:01:00")]
    public async Task BadJobSettings_StopTheStart_NamingTheKeys(string key, string value)
    {
        await using var desk = await StaffDesk.CreateAsync(DatabaseProvider.Sqlite, Day0, new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => desk.Services.GetRequiredService<IOptions<KpiRollupOptions>>().Value);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Opens ~90 reports over days 0–5 (and 6 on the morning of day 8) and plays a random life for each; returns the
    /// tickets with the status they were left in. The clock ends at day 8, 12:00.
    /// </summary>
    private static async Task<List<(Guid Id, TicketStatus Status)>> SeedAsync(StaffDesk desk, int seed)
    {
        var random = new Random(seed);
        string[] categories = ["WATER-TAP", "ELEC-LIGHT", "NET-DOWN"];
        string[] places = ["E-D01", "E-D01-F2", "W-D01", "E-D02"];
        var times = Enumerable.Range(0, 90).Select(_ => Day0.AddMinutes(random.Next(6 * 24 * 60)))
            .Concat(Enumerable.Range(0, 6).Select(i => Day0.AddDays(8).AddHours(1 + i)))
            .Order().ToList();
        var tickets = new List<(Guid, TicketStatus)>();
        for (var i = 0; i < times.Count; i++)
        {
            var opened = times[i];
            var reporter = $"o-rollup-{i:D3}";
            var id = await desk.OpenAsync(categories[random.Next(categories.Length)], places[random.Next(places.Length)], reporter, opened);
            var worker = $"w{random.Next(3) + 1}";
            // Every action before the clock's noon on day 8 (minus the rollup's settling time).
            var today = opened > Day0.AddDays(8);
            var (accept, resolve, close) = (0.2 + (random.NextDouble() * (today ? 4 : 6)), 1 + (random.NextDouble() * 20), 0.5 + (random.NextDouble() * (today ? 4 : 10)));
            var roll = today ? random.Next(35) : random.Next(100);
            var status = await LiveAsync(desk, id, roll, reporter, worker, opened, accept, resolve, close, random.Next(1, 6));
            tickets.Add((id, status));
        }

        desk.Clock.SetUtcNow(Noon8);
        return tickets;
    }

    private static async Task<TicketStatus> LiveAsync(
        StaffDesk desk, Guid id, int roll, string reporter, string worker, DateTimeOffset opened, double accept, double resolve, double close, int rating)
    {
        switch (roll)
        {
            case < 10:
                return TicketStatus.Submitted;
            case < 18:
                await desk.ActAsync(id, t => t.Cancel(reporter, null, opened.AddHours(close)));
                return TicketStatus.Cancelled;
            case < 22:
                await desk.ActAsync(id, t => t.Reject(Dispatcher, "不属于报修范围", opened.AddHours(close)));
                return TicketStatus.Rejected;
            case < 35:
                await desk.ActAsync(id, t =>
                {
                    t.Assign(worker, Dispatcher, opened.AddHours(accept / 2));
                    t.Accept(worker, opened.AddHours(accept));
                });
                return TicketStatus.Accepted;
            case < 50:
                await desk.ActAsync(id, t => StaffDesk.Repair(t, worker, Dispatcher, opened, accept, accept + resolve));
                return TicketStatus.Resolved;
            case < 60:
                await desk.ActAsync(id, t =>
                {
                    StaffDesk.Repair(t, worker, Dispatcher, opened, accept, accept + resolve);
                    t.Reopen(reporter, "还是坏的", opened.AddHours(accept + resolve + 1));
                    StaffDesk.Repair(t, worker, Dispatcher, opened, accept + resolve + 2, accept + resolve + 6);
                    t.Confirm(reporter, rating, null, opened.AddHours(accept + resolve + 6 + close));
                });
                return TicketStatus.Confirmed;
            default:
                await desk.ActAsync(id, t =>
                {
                    StaffDesk.Repair(t, worker, Dispatcher, opened, accept, accept + resolve);
                    t.Confirm(reporter, rating, null, opened.AddHours(accept + resolve + close));
                });
                return TicketStatus.Confirmed;
        }
    }

    /// <summary>What happens to a ticket after the rollup: every non-final one moves on; final ones cannot.</summary>
    private static void Change(RepairTicket ticket, TicketStatus status, DateTimeOffset at)
    {
        switch (status)
        {
            case TicketStatus.Submitted:
                ticket.Cancel(ticket.ReporterOpenId, null, at);
                break;
            case TicketStatus.Accepted:
                ticket.Start(ticket.AssigneeId!, at);
                ticket.Resolve(ticket.AssigneeId!, null, at);
                break;
            case TicketStatus.Resolved when ticket.Number.ToString().EndsWith('3'):
                ticket.Reopen(ticket.ReporterOpenId, "又坏了", at);
                break;
            case TicketStatus.Resolved:
                ticket.Confirm(ticket.ReporterOpenId, 1 + (ticket.Number.ToString().Last() % 5), "晚评", at);
                break;
        }
    }

    private static async Task<KpiRollupResult> RollUpAsync(StaffDesk desk)
    {
        await using var scope = desk.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KpiRollup>().RunAsync(Ct);
    }

    private static async Task<int> RolledDaysAsync(StaffDesk desk)
    {
        await using var db = desk.Database.CreateContext();
        return await db.Set<KpiRollupDay>().CountAsync(Ct);
    }

    private static async Task<int> RolledRowsAsync(StaffDesk desk)
    {
        await using var db = desk.Database.CreateContext();
        return await db.Set<KpiDailyRollup>().CountAsync(Ct);
    }

    private static async Task AssertSameAsLiveAsync(StaffDesk desk, DateTimeOffset from, DateTimeOffset to)
    {
        var asOf = desk.Clock.GetUtcNow() < to ? desk.Clock.GetUtcNow() : to;
        foreach (var by in All)
        {
            await using var scope = desk.Services.CreateAsyncScope();
            var reader = (KpiReader)scope.ServiceProvider.GetRequiredService<IKpiReader>();
            var rolled = (await reader.ReadAsync(by, from, to, asOf, Ct)).ToDictionary(r => r.Key, StringComparer.Ordinal);
            var live = (await reader.ReadLiveAsync(by, from, to, asOf, Ct)).ToDictionary(r => r.Key, StringComparer.Ordinal);

            Assert.Equal(live.Keys.Order(StringComparer.Ordinal), rolled.Keys.Order(StringComparer.Ordinal));
            Assert.NotEmpty(live);
            foreach (var (key, expected) in live)
            {
                var actual = rolled[key];
                Assert.Equal(Counts(expected), Counts(actual));
                Assert.Equal(expected.RatingAverage ?? -1, actual.RatingAverage ?? -1, 9);
                AssertWithinBound(expected.FirstResponse, actual.FirstResponse, $"{by} {key} first response");
                AssertWithinBound(expected.Resolution, actual.Resolution, $"{by} {key} resolution");
            }
        }
    }

    private static object Counts(TicketKpiRow r) => new
    {
        r.Key, r.Opened, r.Closed, r.ResponseMet, r.ResponseBreached, r.ResolutionMet, r.ResolutionBreached, r.Resolved, r.Reworked, r.Ratings, r.Complaints,
    };

    private static void AssertWithinBound(Percentiles? exact, Percentiles? sketched, string what)
    {
        Assert.True((exact is null) == (sketched is null), what);
        if (exact is not null && sketched is not null)
        {
            foreach (var (e, s) in new[] { (exact.Median, sketched.Median), (exact.P90, sketched.P90) })
            {
                Assert.True(Math.Abs(s - e) <= (e * KpiSketch.RelativeError) + 1e-6, $"{what}: {s} is not within {KpiSketch.RelativeError:P2} of {e}");
            }
        }
    }
}
