using System.Diagnostics;
using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Handlers.ReferenceData;
using WechatLogistics.Handlers.RepairTickets;
using WechatLogistics.WebhookBench;

namespace WechatLogistics.GrowthBench;

/// <summary>
/// bench/growth.sh's driver: the cost of <see cref="ListMyRepairTicketsQuery"/> and <see cref="OpenRepairTicketCommand"/>
/// on an empty database and on one holding a million tickets, called in-process through the Bot's own DI and
/// Mediator (one scope per call, as a request would). Both databases live side by side and are measured in
/// alternating blocks, so the empty one is the baseline of the same run; seeding is timed apart.
/// </summary>
internal static class GrowthProgram
{
    private const int ProbeStudents = 20;
    private const int ProbeTickets = 12;

    public static async Task<int> Main(string[] args)
    {
        var provider = Enum.Parse<DatabaseProvider>(Option(args, "--provider", "Sqlite"), ignoreCase: true);
        var emptyConnection = Option(args, "--empty", "");
        var bigConnection = Option(args, "--big", "");
        var tickets = Int(args, "--tickets", 1_000_000);
        var reporters = Int(args, "--reporters", 5_000);
        var blocks = Int(args, "--blocks", 6);
        var iterations = Int(args, "--iterations", 300);
        var warmup = Int(args, "--warmup", 300);
        var cpu = ProcessCpu.Parse("", Option(args, "--db-pid", "") is { Length: > 0 } pid ? "db=" + pid : "");
        var ct = CancellationToken.None;

        using var empty = Target.Create("empty", provider, emptyConnection);
        using var big = Target.Create("1M", provider, bigConnection);
        await empty.InitializeAsync(ct);
        await big.InitializeAsync(ct);

        var seeded = await big.SeedAsync(tickets, reporters, ct);
        Console.WriteLine(Invariant($"seeded {await big.CountTicketsAsync(ct):N0} tickets for {reporters:N0} reporters in {seeded.TotalSeconds:F1} s (not counted below); database size: empty {await empty.SizeAsync(ct)}, 1M {await big.SizeAsync(ct)}"));

        // The same probe students, with the same tickets opened through the command, in both databases.
        var reference = await big.ReferenceAsync(ct);
        foreach (var target in new[] { empty, big })
        {
            for (var s = 0; s < ProbeStudents; s++)
            {
                for (var t = 0; t < ProbeTickets; t++)
                {
                    await target.SendAsync(reference.Open(Probe(s), Guid.NewGuid().ToString("N")), ct);
                }
            }
        }

        // Each row: what a student sees in the empty database (the probe students, 12 open tickets each) against the 1M one.
        // The first keeps the same student on both sides (only the table grows); the others put a seeded student on the
        // 1M side, with ~200 tickets of history (mostly closed, as old tickets are), which is what growth means for them.
        var sameStudent = (Target _, int i) => Probe(i % ProbeStudents);
        var grownStudent = (Target target, int i) => target == big ? Seeded(i * 7 % reporters) : Probe(i % ProbeStudents);
        Operation[] operations =
        [
            new("我的报修 (in progress), same student, 12 open tickets in both", (target, sender, i) =>
                sender.Send(new ListMyRepairTicketsQuery(sameStudent(target, i))).AsTask()),
            new("我的报修 (in progress); 1M: a student with ~200 tickets, mostly closed", (target, sender, i) =>
                sender.Send(new ListMyRepairTicketsQuery(grownStudent(target, i))).AsTask()),
            new("我的报修 incl. closed; 1M: a student with ~200 tickets", (target, sender, i) =>
                sender.Send(new ListMyRepairTicketsQuery(grownStudent(target, i), IncludeClosed: true)).AsTask()),
            new("open a ticket (OpenRepairTicketCommand)", (_, sender, i) =>
                sender.Send(reference.Open("o-open-" + (i % 1000).ToString("D4", CultureInfo.InvariantCulture), Guid.NewGuid().ToString("N"))).AsTask()),
        ];

        var counter = 0;
        foreach (var operation in operations)
        {
            foreach (var target in new[] { empty, big })
            {
                for (var i = 0; i < warmup; i++)
                {
                    await operation.Call(target, counter++, ct);
                }
            }
        }

        var samples = operations.ToDictionary(o => o, _ => new Dictionary<Target, Sample> { [empty] = new(), [big] = new() });
        for (var block = 0; block < blocks; block++)
        {
            foreach (var operation in operations)
            {
                foreach (var target in block % 2 == 0 ? new[] { empty, big } : [big, empty])
                {
                    var sample = samples[operation][target];
                    var before = cpu.Sample();
                    for (var i = 0; i < iterations; i++)
                    {
                        var started = Stopwatch.GetTimestamp();
                        await operation.Call(target, counter++, ct);
                        sample.Milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }

                    var after = cpu.Sample();
                    sample.CpuSeconds += after.Zip(before, (a, b) => a - b).Sum();
                }
            }
        }

        Console.WriteLine(Invariant($"provider {provider}; {blocks} alternating blocks × {iterations} calls per operation and database, after {warmup} warm-up calls; CPU = this process{(provider == DatabaseProvider.Postgres ? " + PostgreSQL backends" : "")}"));
        Console.WriteLine(Invariant($"{"operation",-72} {"empty: median / p99 / CPU per call",-36} {"1M: median / p99 / CPU per call",-36} ratio 1M/empty (median, p99, CPU)"));
        foreach (var operation in operations)
        {
            var e = samples[operation][empty];
            var b = samples[operation][big];
            Console.WriteLine(Invariant(
                $"{operation.Name,-72} {e.Summary,-36} {b.Summary,-36} {b.Median / e.Median:F2}×  {b.P99 / e.P99:F2}×  {b.CpuMicros / e.CpuMicros:F2}×"));
            Console.WriteLine(Invariant(
                $"RESULT provider={provider} op=\"{operation.Name}\" empty_median_ms={e.Median:F3} empty_p99_ms={e.P99:F3} big_median_ms={b.Median:F3} big_p99_ms={b.P99:F3} ratio_median={b.Median / e.Median:F2} ratio_p99={b.P99 / e.P99:F2} ratio_cpu={b.CpuMicros / e.CpuMicros:F2}"));
        }

        if (args.Contains("--explain"))
        {
            foreach (var line in await QueryPlans.ExplainAsync(provider, bigConnection, reference, Probe(0), Seeded(1), ct))
            {
                Console.WriteLine(line);
            }
        }

        return 0;
    }

    private static string Probe(int i) => "o-probe-" + i.ToString("D3", CultureInfo.InvariantCulture);

    private static string Seeded(int i) => "o-seed-" + i.ToString("D6", CultureInfo.InvariantCulture);

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private static int Int(string[] args, string name, int fallback) =>
        int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Operation(string Name, Func<Target, ISender, int, Task> Run)
    {
        public async Task Call(Target target, int i, CancellationToken ct)
        {
            await using var scope = target.Services.CreateAsyncScope();
            await Run(target, scope.ServiceProvider.GetRequiredService<ISender>(), i);
        }
    }

    private sealed class Sample
    {
        public List<double> Milliseconds { get; } = [];

        public double CpuSeconds { get; set; }

        public double Median => Percentile(0.5);

        public double P99 => Percentile(0.99);

        public double CpuMicros => CpuSeconds * 1e6 / Milliseconds.Count;

        public string Summary => Invariant($"{Median:F3} / {P99:F3} ms / {CpuMicros:F0} µs");

        private double Percentile(double p)
        {
            var sorted = Milliseconds.Order().ToList();
            return sorted[(int)Math.Round(p * (sorted.Count - 1))];
        }
    }
}

/// <summary>A leaf category and a building to open tickets with (seeded reference data, same ids in both databases).</summary>
internal sealed record ReferenceIds(Guid CategoryId, Location Building)
{
    public OpenRepairTicketCommand Open(string reporter, string key) => new(
        reporter, CategoryId, Building.Id, Building.Name + " 302", "压测：水龙头一直滴水，关不紧", [], null, key);
}

/// <summary>One database with the Bot's services built on it (the host is built, not started: no server, no hosted services).</summary>
internal sealed class Target(string name, DatabaseProvider provider, string connectionString, IHost host) : IDisposable
{
    public string Name => name;

    public IServiceProvider Services => host.Services;

    public static Target Create(string name, DatabaseProvider provider, string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:App"] = connectionString,
            ["ConnectionStrings:Redis"] = "",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddBot(builder.Configuration);
        return new Target(name, provider, connectionString, builder.Build());
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        await DatabaseInitializer.InitializeAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), DateTimeOffset.UtcNow, ct);
    }

    public async Task<TimeSpan> SeedAsync(int count, int reporters, CancellationToken ct)
    {
        await using var db = DatabaseSetup.CreateContext(provider, connectionString);
        return await TicketSeeder.SeedAsync(db, count, reporters, ct);
    }

    public async Task<int> CountTicketsAsync(CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().RepairTickets.CountAsync(ct);
    }

    public async Task<string> SizeAsync(CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var bytes = provider == DatabaseProvider.Sqlite
            ? await db.Database.SqlQueryRaw<long>("SELECT page_count * page_size AS \"Value\" FROM pragma_page_count(), pragma_page_size()").SingleAsync(ct)
            : await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(ct);
        return (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";
    }

    public async Task<ReferenceIds> ReferenceAsync(CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var tree = await sender.Send(new ListRepairCategoriesQuery(), ct);
        var locations = await sender.Send(new ListLocationsQuery(), ct);
        return new ReferenceIds(tree.Roots[0].Children[0].Id, locations.All.First(l => l.Kind == LocationKind.Building));
    }

    public async Task SendAsync<T>(ICommand<T> command, CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, ct);
    }

    public void Dispose() => host.Dispose();
}
