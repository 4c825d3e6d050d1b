using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using WechatLogistics.Bench;
using WechatLogistics.Bot.Persistence;

namespace WechatLogistics.KpiBench;

/// <summary>
/// Loads the generated tickets: binary COPY on PostgreSQL, prepared INSERTs in transactions of 50 000 rows on SQLite, with the
/// secondary indexes of RepairTickets dropped during the load and rebuilt after (then VACUUM ANALYZE on PostgreSQL).
/// </summary>
internal static class BulkLoader
{
    private const int SqliteBatch = 50_000;

    private static readonly string[] Columns =
    [
        "Id", "Number", "ReporterOpenId", "CategoryId", "LocationId", "LocationText", "Description", "Priority", "Status", "Round",
        "AssigneeId", "OpenedAt", "ResponseDueAt", "ResolveDueAt", "FirstResponseAt", "StartedAt", "ResolvedAt", "ConfirmedAt", "ClosedAt",
        "Rating", "Version", "Photos", "IdempotencyKey", "TeamId",
    ];

    public static async Task<TimeSpan> LoadAsync(AppDbContext db, IEnumerable<SemesterTicket> tickets, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var indexes = await IndexesAsync(connection, sqlite, ct);
        foreach (var (name, _) in indexes)
        {
            await ExecAsync(connection, $"DROP INDEX \"{name}\"", ct);
        }

        if (sqlite)
        {
            await LoadSqliteAsync((SqliteConnection)connection, tickets, ct);
        }
        else
        {
            await LoadPostgresAsync((NpgsqlConnection)connection, tickets, ct);
        }

        foreach (var (_, sql) in indexes)
        {
            await ExecAsync(connection, sql, ct);
        }

        await ExecAsync(connection, sqlite ? "PRAGMA wal_checkpoint(TRUNCATE)" : "VACUUM ANALYZE \"RepairTickets\"", ct);
        await db.Database.CloseConnectionAsync();
        return started.Elapsed;
    }

    public static Task<List<(string Name, string Sql)>> IndexesAsync(DbConnection connection, bool sqlite, CancellationToken ct, string like = "%") =>
        BenchSql.IndexesAsync(connection, sqlite, ["RepairTickets"], ct, like);

    public static Task ExecAsync(DbConnection connection, string sql, CancellationToken ct) => BenchSql.ExecAsync(connection, sql, ct);

    private static async Task LoadPostgresAsync(NpgsqlConnection connection, IEnumerable<SemesterTicket> tickets, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY \"RepairTickets\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var t in tickets)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(t.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(t.Number, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(t.Reporter, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(t.CategoryId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(t.LocationId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync("302室", NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync("压测数据：设施故障，请尽快处理", NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(t.Priority, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(t.Status, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(t.Round, NpgsqlDbType.Integer, ct);
            await WriteAsync(copy, t.Assignee, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(t.OpenedAt, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(t.ResponseDueAt, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(t.ResolveDueAt, NpgsqlDbType.TimestampTz, ct);
            foreach (var at in new[] { t.FirstResponseAt, t.StartedAt, t.ResolvedAt, t.ConfirmedAt, t.ClosedAt })
            {
                await WriteAsync(copy, at, NpgsqlDbType.TimestampTz, ct);
            }

            await WriteAsync(copy, t.Rating, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(4, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync("[]", NpgsqlDbType.Jsonb, ct);
            await copy.WriteAsync(t.IdempotencyKey, NpgsqlDbType.Varchar, ct);
            await WriteAsync(copy, t.TeamId, NpgsqlDbType.Uuid, ct);
        }

        await copy.CompleteAsync(ct);
    }

    private static async Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(ct);
        }
        else
        {
            await copy.WriteAsync(value, type, ct);
        }
    }

    private static async Task LoadSqliteAsync(SqliteConnection connection, IEnumerable<SemesterTicket> tickets, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"RepairTickets\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i))})";
        var parameters = Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        foreach (var batch in tickets.Chunk(SqliteBatch))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            command.Transaction = (SqliteTransaction)transaction;
            foreach (var t in batch)
            {
                object?[] values =
                [
                    Text(t.Id), t.Number, t.Reporter, Text(t.CategoryId), Text(t.LocationId), "302室", "压测数据：设施故障，请尽快处理", t.Priority, t.Status, t.Round,
                    t.Assignee, t.OpenedAt.UtcTicks, t.ResponseDueAt.UtcTicks, t.ResolveDueAt.UtcTicks, t.FirstResponseAt?.UtcTicks, t.StartedAt?.UtcTicks,
                    t.ResolvedAt?.UtcTicks, t.ConfirmedAt?.UtcTicks, t.ClosedAt?.UtcTicks, t.Rating, 4, "[]", t.IdempotencyKey,
                    t.TeamId is { } team ? Text(team) : null,
                ];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i] ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }
    }

    // EF Core stores Guids on SQLite as upper-case text.
    private static string Text(Guid id) => id.ToString().ToUpperInvariant();
}
