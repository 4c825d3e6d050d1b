using System.Diagnostics;
using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WechatLogistics.Bot;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Persistence.Kpis;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.KpiBench;

/// <summary>
/// bench/kpi.sh's driver: loads a semester of tickets, then times <see cref="GetKpisQuery"/> for the whole semester per
/// dimension, in-process through the Bot's DI and Mediator, against two baselines from the same run: a plain count of
/// the same tickets, and the same KPI query with the KPI indexes dropped; then the daily rollup and the same queries
/// served by it (<see cref="RollupBench"/>). On PostgreSQL it prints the plans. With
/// <c>--score-cards</c> it times the score cards instead, beside the KPI query they read (<see cref="ScoreCardBench"/>).
/// </summary>
internal static class KpiProgram
{
    private static readonly KpiDimension[] Dimensions = [KpiDimension.Overall, KpiDimension.Category, KpiDimension.Building, KpiDimension.Worker];

    public static async Task<int> Main(string[] args)
    {
        var provider = Enum.Parse<DatabaseProvider>(Option(args, "--provider", "Sqlite"), ignoreCase: true);
        var connectionString = Option(args, "--connection", "");
        var tickets = int.Parse(Option(args, "--tickets", "1000000"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs", "3"), CultureInfo.InvariantCulture);
        var days = int.Parse(Option(args, "--days", SemesterTickets.Days.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var scoreCards = args.Contains("--score-cards");
        var ct = CancellationToken.None;

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(), ["ConnectionStrings:App"] = connectionString, ["ConnectionStrings:Redis"] = "",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddBot(builder.Configuration);
        using var host = builder.Build();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await DatabaseInitializer.InitializeAsync(db, DateTimeOffset.UtcNow, ct);
            var categories = await db.RepairCategories.Where(c => c.ParentId != null).OrderBy(c => c.Code).Select(c => c.Id).ToListAsync(ct);
            var places = await db.Locations.Where(l => l.Kind == LocationKind.Building || l.Kind == LocationKind.Floor).OrderBy(l => l.Code).Select(l => l.Id).ToListAsync(ct);
            var teams = await ScoreCardBench.TeamsOfAsync(db, categories, ct);
            var loaded = await BulkLoader.LoadAsync(db, SemesterTickets.Generate(tickets, categories, teams, places, days), ct);
            Console.WriteLine(Invariant($"loaded {await db.RepairTickets.CountAsync(ct):N0} tickets ({days} days) in {loaded.TotalSeconds:F1} s (not counted below)"));
        }

        var from = CampusTime.DateOf(SemesterTickets.Start);
        var to = from.AddDays(days);
        var baseline = await MedianAsync(runs, () => CountAsync(host.Services, from, to));
        Console.WriteLine(Invariant($"baseline: SELECT count(*) of the period's tickets: median {baseline:F0} ms"));
        if (scoreCards)
        {
            await ScoreCardBench.RunAsync(host.Services, from, to, runs, baseline);
            return 0;
        }

        var indexed = new Dictionary<KpiDimension, double>();
        foreach (var by in Dimensions)
        {
            indexed[by] = await MedianAsync(runs, () => KpisAsync(host.Services, from, to, by));
            Console.WriteLine(Invariant($"KPI query, semester, by {by,-8}: median {indexed[by],7:F0} ms  = {indexed[by] / baseline,5:F1}x the count"));
        }

        // The admin chart's shape: the last four weeks of the semester by day (a part of the table, where the index matters).
        var monthFrom = to.AddDays(-28);
        var month = await MedianAsync(runs, () => KpisAsync(host.Services, monthFrom, to, KpiDimension.Day));
        Console.WriteLine(Invariant($"KPI query, last 4 weeks, by Day    : median {month,7:F0} ms  = {month / baseline,5:F1}x the count"));

        if (provider == DatabaseProvider.Postgres)
        {
            foreach (var by in new[] { KpiDimension.Overall, KpiDimension.Category })
            {
                Console.WriteLine($"-- EXPLAIN (ANALYZE, BUFFERS), by {by}, with the KPI index:");
                Console.WriteLine(await ExplainAsync(connectionString, by, from, to));
            }
        }

        // The same query without the KPI indexes (the other indexes stay).
        var dropped = await WithoutKpiIndexesAsync(host.Services, async () =>
        {
            var result = new Dictionary<KpiDimension, double>();
            foreach (var by in new[] { KpiDimension.Overall, KpiDimension.Category })
            {
                result[by] = await MedianAsync(runs, () => KpisAsync(host.Services, from, to, by));
            }

            result[KpiDimension.Day] = await MedianAsync(runs, () => KpisAsync(host.Services, monthFrom, to, KpiDimension.Day));

            if (provider == DatabaseProvider.Postgres)
            {
                Console.WriteLine("-- EXPLAIN (ANALYZE, BUFFERS), by Overall, without the KPI index:");
                Console.WriteLine(await ExplainAsync(connectionString, KpiDimension.Overall, from, to));
            }

            return result;
        });
        foreach (var (by, ms) in dropped)
        {
            var with = by == KpiDimension.Day ? month : indexed[by];
            Console.WriteLine(Invariant($"without the KPI indexes, by {by,-8}{(by == KpiDimension.Day ? " (4 weeks)" : "")}: median {ms,7:F0} ms  = {ms / baseline,5:F1}x the count, {ms / with:F2}x the indexed query"));
        }

        // Issue 5's target: the same queries once the finished days are rolled up (all-live medians above as the baseline).
        await RollupBench.RunAsync(host.Services, connectionString, provider == DatabaseProvider.Postgres, from, to, runs, baseline, indexed, month);
        return 0;
    }

    internal static async Task KpisAsync(IServiceProvider services, DateOnly from, DateOnly to, KpiDimension by)
    {
        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetKpisQuery(from, to, by));
        if (report.Groups.Count == 0)
        {
            throw new InvalidOperationException("The KPI query found nothing.");
        }
    }

    private static async Task CountAsync(IServiceProvider services, DateOnly from, DateOnly to)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var (start, end) = (GetKpisQueryHandler.Start(from), GetKpisQueryHandler.Start(to));
        await db.RepairTickets.CountAsync(t => t.OpenedAt >= start && t.OpenedAt < end);
    }

    private static async Task<T> WithoutKpiIndexesAsync<T>(IServiceProvider services, Func<Task<T>> measure)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var indexes = await BulkLoader.IndexesAsync(connection, sqlite, CancellationToken.None, like: "IX_RepairTickets_Kpi%");
        foreach (var (name, _) in indexes)
        {
            await BulkLoader.ExecAsync(connection, $"DROP INDEX \"{name}\"", CancellationToken.None);
        }

        await BulkLoader.ExecAsync(connection, sqlite ? "SELECT 1" : "ANALYZE \"RepairTickets\"", CancellationToken.None);
        try
        {
            return await measure();
        }
        finally
        {
            foreach (var (_, sql) in indexes)
            {
                await BulkLoader.ExecAsync(connection, sql, CancellationToken.None);
            }

            await BulkLoader.ExecAsync(connection, sqlite ? "SELECT 1" : "VACUUM ANALYZE \"RepairTickets\"", CancellationToken.None);
        }
    }

    private static async Task<string> ExplainAsync(string connectionString, KpiDimension by, DateOnly from, DateOnly to)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("SET LOCAL work_mem = '64MB'", connection, transaction))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + KpiReader.OpenedSql(by, postgres: true), connection, transaction);
        var end = GetKpisQueryHandler.Start(to);
        command.Parameters.AddWithValue("from", GetKpisQueryHandler.Start(from));
        command.Parameters.AddWithValue("to", end);
        command.Parameters.AddWithValue("asOf", end);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    internal static async Task<double> MedianAsync(int runs, Func<Task> action)
    {
        await action(); // warm-up
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
