using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Handlers.RepairTickets;

namespace WechatLogistics.GrowthBench;

/// <summary>
/// The plans of the SQL the handlers really send (captured with an interceptor, then explained with the same
/// parameters): EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL.
/// </summary>
internal static class QueryPlans
{
    public static async Task<List<string>> ExplainAsync(
        DatabaseProvider provider, string connectionString, ReferenceIds reference, string probe, string seeded, CancellationToken ct)
    {
        var capture = new Capture();
        await using var db = Create(provider, connectionString, capture);
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var output = new List<string>();

        async Task Explain(string title, Func<Task> call)
        {
            capture.Commands.Clear();
            await call();
            foreach (var (sql, parameters) in capture.Commands.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                && c.Sql.Contains("\"RepairTickets\"", StringComparison.Ordinal)).ToList())
            {
                output.Add($"--- {title}\n{sql}");
                output.AddRange(await PlanAsync(db, provider, sql, parameters, ct));
            }
        }

        var list = new ListMyRepairTicketsQueryHandler(db, cache);
        await Explain("list, probe student", () => list.Handle(new ListMyRepairTicketsQuery(probe), ct).AsTask());
        await Explain("list, seeded student", () => list.Handle(new ListMyRepairTicketsQuery(seeded), ct).AsTask());
        await Explain("list incl. closed, seeded student", () => list.Handle(new ListMyRepairTicketsQuery(seeded, IncludeClosed: true), ct).AsTask());
        var open = new OpenRepairTicketCommandHandler(db, cache, TimeProvider.System);
        await Explain("open a ticket", () => open.Handle(reference.Open("o-explain", Guid.NewGuid().ToString("N")), ct).AsTask());
        return output;
    }

    private static AppDbContext Create(DatabaseProvider provider, string connectionString, Capture capture)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
            DatabaseSetup.Sqlite(options, connectionString).AddInterceptors(capture);
            return new SqliteAppDbContext(options.Options);
        }

        var postgres = new DbContextOptionsBuilder<PostgresAppDbContext>();
        DatabaseSetup.Postgres(postgres, connectionString).AddInterceptors(capture);
        return new PostgresAppDbContext(postgres.Options);
    }

    private static async Task<List<string>> PlanAsync(
        AppDbContext db, DatabaseProvider provider, string sql, List<(string Name, object? Value)> parameters, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = (provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ") + sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        var plan = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            plan.Add("    " + (provider == DatabaseProvider.Sqlite ? reader.GetString(3) : reader.GetString(0)));
        }

        return plan;
    }

    private sealed class Capture : DbCommandInterceptor
    {
        public List<(string Sql, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
            return ValueTask.FromResult(result);
        }
    }
}
