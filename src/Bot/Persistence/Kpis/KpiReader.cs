using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Bot.Persistence.Kpis;

/// <summary>
/// <see cref="IKpiReader"/> in SQL, one grouped scan of the period's tickets per figure set. PostgreSQL computes the
/// percentiles itself (<c>percentile_cont</c>, one sort per duration); SQLite has no percentile aggregate, so a window
/// query ranks each group's durations and returns only the (at most four) rows around the median and p90, which are
/// interpolated here exactly as percentile_cont does. docs/decisions/sla-incidents-kpi.md has the index this relies on.
/// Once days of the period are rolled up (<see cref="KpiRollup"/>), <see cref="RolledUpKpiReader"/> reads them instead
/// (docs/decisions/kpi-rollups.md).
/// </summary>
public sealed class KpiReader(AppDbContext db) : IKpiReader
{
    // Cancelled and rejected reports were never serviced: they are not counted for or against the SLA.
    internal const string Serviced = """t."Status" NOT IN ('Cancelled', 'Rejected')""";

    public Task<IReadOnlyList<TicketKpiRow>> ReadAsync(KpiDimension by, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, CancellationToken ct) =>
        ReadAsync(by, from, to, asOf, rollups: true, ct);

    /// <summary>Every figure computed from the tickets, ignoring the rollups: the benchmark's and the tests' reference.</summary>
    public Task<IReadOnlyList<TicketKpiRow>> ReadLiveAsync(KpiDimension by, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, CancellationToken ct) =>
        ReadAsync(by, from, to, asOf, rollups: false, ct);

    private async Task<IReadOnlyList<TicketKpiRow>> ReadAsync(KpiDimension by, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, bool rollups, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            // One snapshot for every statement below: a rollup committed meanwhile is seen entirely or not at all.
            await using var sqlite = postgres ? null : ((Microsoft.Data.Sqlite.SqliteConnection)connection).BeginTransaction(deferred: true);
            await using var transaction = sqlite is null
                ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct)
                : await db.Database.UseTransactionAsync(sqlite, ct);
            if (postgres)
            {
                // A semester's durations (~1M doubles per sort) fit in memory with this; the default 4 MB spills to disk.
                await ExecuteAsync(connection, "SET LOCAL work_mem = '64MB'", ct);
            }

            var (first, end) = RolledUpKpiReader.WholeDays(from, to);
            var cutOffs = rollups
                ? await db.Set<KpiRollupDay>().AsNoTracking().Where(d => d.Day >= first && d.Day < end).ToDictionaryAsync(d => d.Day, d => d.CutOff, ct)
                : [];
            if (cutOffs.Count > 0)
            {
                return await RolledUpKpiReader.ReadAsync(db, cutOffs, by, from, to, asOf, ct);
            }

            var opened = await ReadOpenedAsync(connection, by, postgres, from, to, asOf, ct);
            var closed = await ReadClosedAsync(connection, by, postgres, from, to, ct);
            var percentiles = postgres ? null : await ReadSqlitePercentilesAsync(connection, by, from, to, ct);
            return
            [
                .. opened.Keys.Union(closed.Keys).Select(key =>
                {
                    var row = opened.GetValueOrDefault(key) ?? new TicketKpiRow(key, 0, 0, null, null, 0, 0, 0, 0, 0, 0, null, 0);
                    if (percentiles is not null)
                    {
                        row = row with { FirstResponse = percentiles.GetValueOrDefault((key, 0)), Resolution = percentiles.GetValueOrDefault((key, 1)) };
                    }

                    return row with { Closed = closed.GetValueOrDefault(key) };
                }),
            ];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Dictionary<string, TicketKpiRow>> ReadOpenedAsync(
        DbConnection connection, KpiDimension by, bool postgres, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, CancellationToken ct)
    {
        var sql = OpenedSql(by, postgres);
        var rows = new Dictionary<string, TicketKpiRow>(StringComparer.Ordinal);
        await using var reader = await KpiTickets.QueryAsync(db, sql, ct, ("from", from), ("to", to), ("asOf", asOf));
        while (await reader.ReadAsync(ct))
        {
            var k = reader.IsDBNull(0) ? "" : reader.GetString(0);
            rows[k] = new TicketKpiRow(
                k, reader.GetInt64(1), 0,
                postgres ? PercentilesOf(reader, 11) : null, postgres ? PercentilesOf(reader, 12) : null,
                reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8), reader.GetInt64(9), reader.GetInt64(10));
        }

        return rows;
    }

    /// <summary>
    /// What a report counts toward, in <see cref="TicketKpiRow"/>'s order (response met, breached; resolution met,
    /// breached; resolved; reworked); parameter @asOf. Counted per group here, read per ticket by <see cref="KpiTickets"/>.
    /// </summary>
    public static readonly IReadOnlyList<string> TicketConditions =
    [
        $"{Serviced} AND t.\"FirstResponseAt\" <= t.\"ResponseDueAt\"",
        $"""{Serviced} AND (t."FirstResponseAt" > t."ResponseDueAt" OR (t."FirstResponseAt" IS NULL AND t."ResponseDueAt" <= @asOf))""",
        $"{Serviced} AND t.\"ResolvedAt\" <= t.\"ResolveDueAt\"",
        $"""{Serviced} AND (t."ResolvedAt" > t."ResolveDueAt" OR (t."ResolvedAt" IS NULL AND t."ResolveDueAt" <= @asOf))""",
        """t."ResolvedAt" IS NOT NULL OR t."Round" > 1""",
        """t."Round" > 1""",
    ];

    /// <summary>The grouped scan of the period's reports (parameters @from, @to, @asOf); public for the benchmark's EXPLAIN.</summary>
    public static string OpenedSql(KpiDimension by, bool postgres)
    {
        var (key, joins) = KpiGroupKeys.For(by, postgres, "OpenedAt");
        var percentiles = postgres
            ? $"""
              , percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY {Seconds("FirstResponseAt", true)}) FILTER (WHERE t."FirstResponseAt" IS NOT NULL)
              , percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY {Seconds("ResolvedAt", true)}) FILTER (WHERE t."ResolvedAt" IS NOT NULL)
              """
            : "";
        return $"""
            SELECT {key} AS k, count(*),
              {string.Join(", ", TicketConditions.Select(c => $"count(*) FILTER (WHERE {c})"))},
              avg(t."Rating"){(postgres ? "::float8" : "")}, count(t."Rating"),
              count(*) FILTER (WHERE t."Rating" <= {Domain.Feedbacks.Feedback.MaxStarsAskingWhy})
              {percentiles}
            FROM "RepairTickets" t {joins}
            WHERE t."OpenedAt" >= @from AND t."OpenedAt" < @to
            GROUP BY 1
            """;
    }

    /// <summary>
    /// The rolled-up read's statements on PostgreSQL, for the benchmark's EXPLAIN: a dimension's rollup rows (@dimension,
    /// @first, @end), then the live remainder's not-final reports (@rf, @rt, @asOf) and late closings (also @minCut).
    /// </summary>
    public static IReadOnlyList<string> RolledUpSql() =>
    [
        """SELECT * FROM "KpiDailyRollups" WHERE "Dimension" = @dimension AND "Day" >= @first AND "Day" < @end""",
        KpiTickets.Sql(postgres: true, RolledUpKpiReader.NotFinal),
        KpiTickets.Sql(postgres: true, RolledUpKpiReader.ClosedLate),
    ];

    private async Task<Dictionary<string, long>> ReadClosedAsync(
        DbConnection connection, KpiDimension by, bool postgres, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var (key, joins) = KpiGroupKeys.For(by, postgres, "ClosedAt");
        var sql = $"""
            SELECT {key} AS k, count(*) FROM "RepairTickets" t {joins}
            WHERE t."ClosedAt" >= @from AND t."ClosedAt" < @to
            GROUP BY 1
            """;
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await KpiTickets.QueryAsync(db, sql, ct, ("from", from), ("to", to));
        while (await reader.ReadAsync(ct))
        {
            rows[reader.IsDBNull(0) ? "" : reader.GetString(0)] = reader.GetInt64(1);
        }

        return rows;
    }

    /// <summary>
    /// Per group (k) and duration (m: 0 response, 1 resolution), the ranks percentile_cont interpolates between:
    /// floor(p·(n−1)) and the next, for p = 0.5 and 0.9. SQLite sorts each partition once for the window.
    /// </summary>
    private async Task<Dictionary<(string, int), Percentiles>> ReadSqlitePercentilesAsync(
        DbConnection connection, KpiDimension by, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var (key, joins) = KpiGroupKeys.For(by, false, "OpenedAt");
        var sql = $"""
            WITH d AS (
              SELECT {key} AS k, 0 AS m, {Seconds("FirstResponseAt", false)} AS v FROM "RepairTickets" t {joins}
              WHERE t."OpenedAt" >= @from AND t."OpenedAt" < @to AND t."FirstResponseAt" IS NOT NULL
              UNION ALL
              SELECT {key}, 1, {Seconds("ResolvedAt", false)} FROM "RepairTickets" t {joins}
              WHERE t."OpenedAt" >= @from AND t."OpenedAt" < @to AND t."ResolvedAt" IS NOT NULL),
            r AS (SELECT k, m, v, row_number() OVER (PARTITION BY k, m ORDER BY v) - 1 AS i, count(*) OVER (PARTITION BY k, m) AS n FROM d)
            SELECT k, m, i, n, v FROM r
            WHERE i IN (CAST(0.5 * (n - 1) AS INTEGER), CAST(0.5 * (n - 1) AS INTEGER) + 1, CAST(0.9 * (n - 1) AS INTEGER), CAST(0.9 * (n - 1) AS INTEGER) + 1)
            """;
        var ranks = new Dictionary<(string, int), (long N, Dictionary<long, double> Values)>();
        await using (var reader = await KpiTickets.QueryAsync(db, sql, ct, ("from", from), ("to", to)))
        {
            while (await reader.ReadAsync(ct))
            {
                var group = (reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetInt32(1));
                if (!ranks.TryGetValue(group, out var entry))
                {
                    ranks[group] = entry = (reader.GetInt64(3), []);
                }

                entry.Values[reader.GetInt64(2)] = reader.GetDouble(4);
            }
        }

        return ranks.ToDictionary(r => r.Key, r => new Percentiles(Interpolate(r.Value.Values, r.Value.N, 0.5), Interpolate(r.Value.Values, r.Value.N, 0.9)));
    }

    /// <summary>percentile_cont: the value at position p·(n−1) of the sorted values, linear between neighbours.</summary>
    public static double Interpolate(IReadOnlyDictionary<long, double> sorted, long n, double p)
    {
        var position = p * (n - 1);
        var below = (long)position;
        var low = sorted[below];
        var high = sorted.TryGetValue(below + 1, out var next) ? next : low;
        return low + ((position - below) * (high - low));
    }

    internal static string Seconds(string column, bool postgres) => postgres
        ? $"""date_part('epoch', t."{column}" - t."OpenedAt")"""
        : $"""(t."{column}" - t."OpenedAt") / 10000000.0""";

    private static Percentiles? PercentilesOf(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<double[]>(ordinal) is [var median, var p90] ? new Percentiles(median, p90) : null;


    private async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await command.ExecuteNonQueryAsync(ct);
    }
}
