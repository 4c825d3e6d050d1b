using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bench;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.GrowthBench;

/// <summary>
/// Fills a migrated, seeded database with <c>count</c> tickets in one server-side statement per table (a recursive CTE
/// on SQLite, generate_series on PostgreSQL), with the secondary indexes dropped during the load and rebuilt after.
/// </summary>
/// <remarks>
/// The data look like two years of a campus: tickets in time order (ids, numbers and OpenedAt all ascending, as
/// Guid v7 and the daily counter make them), ~1 370 a day up to yesterday, numbers R{day}-{seq:D4}, a few thousand
/// reporters spread evenly, every active leaf category and building. Status follows age: older than 14 days mostly
/// Confirmed (85 %), then Cancelled, Rejected, Resolved; the last 14 days spread over the open statuses. Closed tickets
/// carry their timestamps, taken ones an assignee. One "Opened" timeline entry per ticket.
/// </remarks>
internal static class TicketSeeder
{
    private const int Days = 730;

    public static async Task<TimeSpan> SeedAsync(AppDbContext db, int count, int reporters, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var sqlite = db.Database.IsSqlite();
        var perDay = (count + Days - 1) / Days;
        var today = CampusTime.DateOf(DateTimeOffset.UtcNow);
        var firstDay = today.AddDays(-Days);
        // Campus midnight of the first day, as an instant.
        var firstMidnight = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), CampusTime.Offset).ToUniversalTime();
        var secondsPerTicket = 86_400 / perDay;

        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var indexes = await SecondaryIndexesAsync(connection, sqlite, ct);
        foreach (var (name, _) in indexes)
        {
            await ExecAsync(connection, $"DROP INDEX \"{name}\"", ct);
        }

        if (sqlite)
        {
            await ExecAsync(connection, "PRAGMA cache_size = -400000", ct);
            await ExecAsync(connection, "BEGIN IMMEDIATE", ct);
            await ExecAsync(connection, SqliteTickets(count, reporters, perDay, firstMidnight.UtcTicks, secondsPerTicket), ct);
            await ExecAsync(connection, SqliteTimeline(), ct);
            await ExecAsync(connection, SqliteSequences(firstDay, perDay), ct);
            await ExecAsync(connection, "COMMIT", ct);
        }
        else
        {
            // Superuser only: skip the per-row foreign-key triggers; the rows reference existing ids by construction.
            await ExecAsync(connection, "SET session_replication_role = replica", ct);
            await ExecAsync(connection, PostgresTickets(count, reporters, perDay, firstMidnight, secondsPerTicket), ct);
            await ExecAsync(connection, PostgresTimeline(), ct);
            await ExecAsync(connection, PostgresSequences(firstDay, perDay), ct);
            await ExecAsync(connection, "SET session_replication_role = DEFAULT", ct);
        }

        foreach (var (_, sql) in indexes)
        {
            await ExecAsync(connection, sql, ct);
        }

        if (sqlite)
        {
            await ExecAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE)", ct);
            await ExecAsync(connection, "PRAGMA cache_size = -2000", ct);
        }
        else
        {
            // What autovacuum does shortly after a bulk load: statistics and the visibility map.
            await ExecAsync(connection, "VACUUM ANALYZE \"RepairTickets\", \"TicketTimelineEntries\"", ct);
        }

        await db.Database.CloseConnectionAsync();
        return started.Elapsed;
    }

    private static Task<List<(string Name, string Sql)>> SecondaryIndexesAsync(DbConnection connection, bool sqlite, CancellationToken ct) =>
        BenchSql.IndexesAsync(connection, sqlite, ["RepairTickets", "TicketTimelineEntries"], ct);

    private static Task ExecAsync(DbConnection connection, string sql, CancellationToken ct) => BenchSql.ExecAsync(connection, sql, ct);

    // Shared pieces: r (0..99) picks the status by age; the hashes spread reporters, categories and buildings.
    private const string StatusByAge = """
        CASE WHEN age > 14 THEN
               CASE WHEN r < 85 THEN 'Confirmed' WHEN r < 93 THEN 'Cancelled' WHEN r < 96 THEN 'Rejected' ELSE 'Resolved' END
             ELSE
               CASE WHEN r < 15 THEN 'Submitted' WHEN r < 30 THEN 'Assigned' WHEN r < 45 THEN 'Accepted' WHEN r < 60 THEN 'InProgress'
                    WHEN r < 80 THEN 'Resolved' WHEN r < 95 THEN 'Confirmed' ELSE 'Cancelled' END
        END
        """;

    private static string SqliteTickets(int count, int reporters, int perDay, long firstMidnightTicks, int secondsPerTicket) => Invariant($$"""
        CREATE TEMP TABLE seed_category AS
          SELECT ROW_NUMBER() OVER (ORDER BY c."Code") - 1 AS n, c."Id" AS id
          FROM "RepairCategories" c
          WHERE c."IsActive" AND NOT EXISTS (SELECT 1 FROM "RepairCategories" k WHERE k."ParentId" = c."Id" AND k."IsActive");
        CREATE TEMP TABLE seed_building AS
          SELECT ROW_NUMBER() OVER (ORDER BY "Code") - 1 AS n, "Id" AS id, "Name" AS name FROM "Locations" WHERE "Kind" = 'Building' AND "IsActive";
        WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < {{count - 1}}),
        t AS (
          SELECT i, i / {{perDay}} AS d, i % {{perDay}} + 1 AS s, {{Days}} - i / {{perDay}} AS age, (i * 2654435761) % 100 AS r,
                 {{firstMidnightTicks}} + (i / {{perDay}}) * 864000000000 + (i % {{perDay}}) * {{secondsPerTicket}} * 10000000 AS opened
          FROM seq),
        u AS (SELECT t.*, {{StatusByAge}} AS status FROM t),
        k AS (SELECT COUNT(*) AS categories, (SELECT COUNT(*) FROM seed_building) AS buildings FROM seed_category)
        INSERT INTO "RepairTickets" ("Id", "Number", "ReporterOpenId", "CategoryId", "LocationId", "LocationText", "Description",
          "Priority", "Status", "Round", "AssigneeId", "OpenedAt", "ResponseDueAt", "ResolveDueAt", "FirstResponseAt", "StartedAt",
          "ResolvedAt", "ConfirmedAt", "ClosedAt", "Rating", "RatingComment", "Version", "Photos", "IdempotencyKey")
        SELECT printf('00000000-0000-7000-8000-%012X', i),
               'R' || strftime('%Y%m%d', (opened - 621355968000000000) / 10000000 + 28800, 'unixepoch') || '-' || printf('%04d', s),
               printf('o-seed-%06d', (i * 7919 + 13) % {{reporters}}),
               c.id, b.id, b.name || ' ' || (101 + i % 500), '压测数据：设施故障，请尽快处理（' || i || '）',
               CASE WHEN i % 10 = 0 THEN 'Urgent' WHEN i % 10 = 9 THEN 'Low' ELSE 'Normal' END,
               status, 1,
               CASE WHEN status IN ('Submitted', 'Cancelled') THEN NULL ELSE 'worker-' || (i % 40) END,
               opened, opened + 4 * 36000000000, opened + 24 * 36000000000,
               CASE WHEN status IN ('Submitted', 'Assigned', 'Cancelled') THEN NULL ELSE opened + 36000000000 END,
               CASE WHEN status IN ('Submitted', 'Assigned', 'Accepted', 'Cancelled', 'Rejected') THEN NULL ELSE opened + 2 * 36000000000 END,
               CASE WHEN status IN ('Resolved', 'Confirmed') THEN opened + 6 * 36000000000 END,
               CASE WHEN status = 'Confirmed' THEN opened + 30 * 36000000000 END,
               CASE WHEN status IN ('Confirmed', 'Cancelled', 'Rejected') THEN opened + 30 * 36000000000 END,
               CASE WHEN status = 'Confirmed' AND r % 3 = 0 THEN 4 + r % 2 END, NULL,
               CASE WHEN status = 'Submitted' THEN 1 ELSE 4 END, '[]', printf('%032x', i)
        FROM u CROSS JOIN k
        JOIN seed_category c ON c.n = u.i % k.categories
        JOIN seed_building b ON b.n = u.i % k.buildings;
        DROP TABLE seed_category;
        DROP TABLE seed_building;
        """);

    private static string SqliteTimeline() => """
        INSERT INTO "TicketTimelineEntries" ("Id", "At", "ActorKind", "ActorId", "Action", "FromStatus", "ToStatus", "AssigneeId", "Note", "TicketId")
        SELECT '00000001' || substr("Id", 9), "OpenedAt", 'Student', "ReporterOpenId", 'Opened', NULL, 'Submitted', NULL, NULL, "Id"
        FROM "RepairTickets" WHERE "Id" LIKE '00000000-0000-7000-8000-%';
        """;

    private static string SqliteSequences(DateOnly firstDay, int perDay) => Invariant($"""
        WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < {Days - 1})
        INSERT OR IGNORE INTO "TicketNumberSequences" ("Day", "LastValue")
        SELECT date('{firstDay:yyyy-MM-dd}', '+' || n || ' days'), {perDay} FROM d;
        """);

    private static string PostgresTickets(int count, int reporters, int perDay, DateTimeOffset firstMidnight, int secondsPerTicket) => Invariant($$"""
        CREATE TEMP TABLE seed_category AS
          SELECT (ROW_NUMBER() OVER (ORDER BY c."Code") - 1)::int AS n, c."Id" AS id
          FROM "RepairCategories" c
          WHERE c."IsActive" AND NOT EXISTS (SELECT 1 FROM "RepairCategories" k WHERE k."ParentId" = c."Id" AND k."IsActive");
        CREATE TEMP TABLE seed_building AS
          SELECT (ROW_NUMBER() OVER (ORDER BY "Code") - 1)::int AS n, "Id" AS id, "Name" AS name FROM "Locations" WHERE "Kind" = 'Building' AND "IsActive";
        WITH t AS (
          SELECT i, i / {{perDay}} AS d, i % {{perDay}} + 1 AS s, {{Days}} - i / {{perDay}} AS age, (i * 2654435761) % 100 AS r,
                 timestamptz '{{firstMidnight:yyyy-MM-dd HH:mm:ss}}+00' + (i / {{perDay}}) * interval '1 day' + (i % {{perDay}}) * {{secondsPerTicket}} * interval '1 second' AS opened
          FROM generate_series(0::bigint, {{count - 1}}::bigint) AS i),
        u AS (SELECT t.*, {{StatusByAge}} AS status FROM t),
        k AS (SELECT COUNT(*)::int AS categories, (SELECT COUNT(*)::int FROM seed_building) AS buildings FROM seed_category)
        INSERT INTO "RepairTickets" ("Id", "Number", "ReporterOpenId", "CategoryId", "LocationId", "LocationText", "Description",
          "Priority", "Status", "Round", "AssigneeId", "OpenedAt", "ResponseDueAt", "ResolveDueAt", "FirstResponseAt", "StartedAt",
          "ResolvedAt", "ConfirmedAt", "ClosedAt", "Rating", "RatingComment", "Version", "Photos", "IdempotencyKey")
        SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
               'R' || to_char((opened AT TIME ZONE 'UTC') + interval '8 hours', 'YYYYMMDD') || '-' || lpad(s::text, 4, '0'),
               'o-seed-' || lpad(((i * 7919 + 13) % {{reporters}})::text, 6, '0'),
               c.id, b.id, b.name || ' ' || (101 + i % 500), '压测数据：设施故障，请尽快处理（' || i || '）',
               CASE WHEN i % 10 = 0 THEN 'Urgent' WHEN i % 10 = 9 THEN 'Low' ELSE 'Normal' END,
               status, 1,
               CASE WHEN status IN ('Submitted', 'Cancelled') THEN NULL ELSE 'worker-' || (i % 40) END,
               opened, opened + interval '4 hours', opened + interval '24 hours',
               CASE WHEN status IN ('Submitted', 'Assigned', 'Cancelled') THEN NULL ELSE opened + interval '1 hour' END,
               CASE WHEN status IN ('Submitted', 'Assigned', 'Accepted', 'Cancelled', 'Rejected') THEN NULL ELSE opened + interval '2 hours' END,
               CASE WHEN status IN ('Resolved', 'Confirmed') THEN opened + interval '6 hours' END,
               CASE WHEN status = 'Confirmed' THEN opened + interval '30 hours' END,
               CASE WHEN status IN ('Confirmed', 'Cancelled', 'Rejected') THEN opened + interval '30 hours' END,
               CASE WHEN status = 'Confirmed' AND r % 3 = 0 THEN 4 + r % 2 END, NULL,
               CASE WHEN status = 'Submitted' THEN 1 ELSE 4 END, '[]'::jsonb, lpad(to_hex(i), 32, '0')
        FROM u CROSS JOIN k
        JOIN seed_category c ON c.n = u.i % k.categories
        JOIN seed_building b ON b.n = u.i % k.buildings;
        DROP TABLE seed_category;
        DROP TABLE seed_building;
        """);

    private static string PostgresTimeline() => """
        INSERT INTO "TicketTimelineEntries" ("Id", "At", "ActorKind", "ActorId", "Action", "FromStatus", "ToStatus", "AssigneeId", "Note", "TicketId")
        SELECT ('00000001' || substr("Id"::text, 9))::uuid, "OpenedAt", 'Student', "ReporterOpenId", 'Opened', NULL, 'Submitted', NULL, NULL, "Id"
        FROM "RepairTickets" WHERE "Id"::text LIKE '00000000-0000-7000-8000-%';
        """;

    private static string PostgresSequences(DateOnly firstDay, int perDay) => Invariant($"""
        INSERT INTO "TicketNumberSequences" ("Day", "LastValue")
        SELECT date '{firstDay:yyyy-MM-dd}' + n, {perDay} FROM generate_series(0, {Days - 1}) AS n
        ON CONFLICT DO NOTHING;
        """);

    private static string Invariant(FormattableString sql) => sql.ToString(CultureInfo.InvariantCulture);
}
