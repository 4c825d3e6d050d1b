using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Persistence.Kpis;
using WechatLogistics.Handlers.Kpis;
using static WechatLogistics.KpiBench.KpiProgram;

namespace WechatLogistics.KpiBench;

/// <summary>
/// After the all-live measurements: runs the daily rollup synchronously (timed), runs it again with nothing new (what the
/// job costs each interval), then times the same <see cref="GetKpisQuery"/> calls, now served by the rollups plus the
/// live remainder, beside the same run's all-live medians and the count. On PostgreSQL it prints the rolled-up read's plans.
/// </summary>
internal static class RollupBench
{
    public static async Task RunAsync(
        IServiceProvider services, string connectionString, bool postgres, DateOnly from, DateOnly to, int runs, double baseline,
        IReadOnlyDictionary<KpiDimension, double> live, double monthLive)
    {
        var first = await RollUpAsync(services);
        Console.WriteLine(Invariant($"rollup: {first.Result.Days} days, {first.Result.Tickets:N0} final tickets frozen in {first.Ms / 1000:F1} s ({await ScalarAsync(services, """SELECT count(*) FROM "KpiDailyRollups" """)} rows)"));
        var again = await RollUpAsync(services);
        Console.WriteLine(Invariant($"rollup again, nothing new: {again.Ms:F0} ms ({again.Result.Days} days)"));

        foreach (var (by, liveMs) in live)
        {
            var rolled = await MedianAsync(runs, () => KpisAsync(services, from, to, by));
            Console.WriteLine(Invariant($"KPI query with rollups, semester, by {by,-8}: median {rolled,7:F0} ms  = {rolled / baseline,5:F2}x the count, {rolled / liveMs,5:F3}x the all-live query ({liveMs:F0} ms)"));
        }

        var monthFrom = to.AddDays(-28);
        var month = await MedianAsync(runs, () => KpisAsync(services, monthFrom, to, KpiDimension.Day));
        Console.WriteLine(Invariant($"KPI query with rollups, last 4 weeks, by Day    : median {month,7:F0} ms  = {month / baseline,5:F2}x the count, {month / monthLive,5:F3}x the all-live query ({monthLive:F0} ms)"));

        if (postgres)
        {
            await ExplainAsync(services, connectionString, from, to);
        }
    }

    private static async Task<(KpiRollupResult Result, double Ms)> RollUpAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        var result = await scope.ServiceProvider.GetRequiredService<KpiRollup>().RunAsync(CancellationToken.None);
        return (result, watch.Elapsed.TotalMilliseconds);
    }

    private static async Task<long> ScalarAsync(IServiceProvider services, string sql)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExplainAsync(IServiceProvider services, string connectionString, DateOnly from, DateOnly to)
    {
        var (start, end) = (GetKpisQueryHandler.Start(from), GetKpisQueryHandler.Start(to));
        DateTimeOffset minCut;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            minCut = await db.Database.SqlQueryRaw<DateTimeOffset>("""SELECT min("CutOff") AS "Value" FROM "KpiRollupDays" """).SingleAsync();
        }

        string[] titles = ["the Worker rollup rows", "the live remainder: not-final reports of the rolled days", "the live remainder: reports closed after their day's cut-off"];
        var statements = KpiReader.RolledUpSql();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var i = 0; i < statements.Count; i++)
        {
            await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + statements[i], connection);
            command.Parameters.AddWithValue("dimension", nameof(KpiDimension.Worker));
            command.Parameters.AddWithValue("first", from);
            command.Parameters.AddWithValue("end", to);
            command.Parameters.AddWithValue("rf", start);
            command.Parameters.AddWithValue("rt", end);
            command.Parameters.AddWithValue("asOf", end);
            command.Parameters.AddWithValue("minCut", minCut);
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }

            Console.WriteLine($"-- EXPLAIN (ANALYZE, BUFFERS), {titles[i]}:");
            Console.WriteLine(string.Join('\n', lines));
        }
    }
}
