using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Bot.Persistence.Kpis;

/// <summary>One ticket's KPI terms, decided in SQL by the same conditions as <see cref="KpiReader.OpenedSql"/>'s filters.</summary>
internal sealed record KpiTicket(
    DateOnly Day, string Category, string Building, string Team, string Worker,
    bool ResponseMet, bool ResponseBreached, bool ResolutionMet, bool ResolutionBreached, bool Resolved, bool Reworked,
    int? Rating, double? FirstResponseSeconds, double? ResolutionSeconds, DateTimeOffset? ClosedAt);

/// <summary>One group of the day's closings: the close day, the group keys, how many.</summary>
internal sealed record KpiClosings(DateOnly Day, string Category, string Building, string Team, string Worker, long Count);

/// <summary>
/// The tickets' KPI terms one row per ticket (the rollup's and the live remainder's input), with every dimension's group
/// key from <see cref="KpiGroupKeys"/>, so keys read here are the very text the all-live query groups by.
/// </summary>
internal static class KpiTickets
{
    /// <summary>The dimensions stored in the rollups; Day is Overall keyed by the day.</summary>
    public static readonly KpiDimension[] Stored = [KpiDimension.Overall, KpiDimension.Category, KpiDimension.Building, KpiDimension.Team, KpiDimension.Worker];

    /// <summary>Confirmed, Cancelled, Rejected: the statuses no action leaves, as stored (by name).</summary>
    public static readonly string Final = StatusList(RepairTicketLifecycle.IsTerminal);

    /// <summary>Every other status: the ticket may still be accepted, resolved, reopened or rated.</summary>
    public static readonly string NotFinal = StatusList(s => !RepairTicketLifecycle.IsTerminal(s));

    public static string KeyOf(this KpiTicket t, KpiDimension by) => Key(by, t.Day, t.Category, t.Building, t.Team, t.Worker);

    public static string KeyOf(this KpiClosings c, KpiDimension by) => Key(by, c.Day, c.Category, c.Building, c.Team, c.Worker);

    public static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The tickets matching <paramref name="where"/> (over <c>t</c>; parameters @asOf and those given).</summary>
    public static async Task<List<KpiTicket>> ReadAsync(
        AppDbContext db, string where, DateTimeOffset asOf, CancellationToken ct, params (string Name, DateTimeOffset Value)[] parameters)
    {
        var postgres = db.Database.IsNpgsql();
        var rows = new List<KpiTicket>();
        await using var reader = await QueryAsync(db, Sql(postgres, where), ct, [("asOf", asOf), .. parameters]);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new KpiTicket(
                DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4),
                Flag(reader, 5), Flag(reader, 6), Flag(reader, 7), Flag(reader, 8), Flag(reader, 9), Flag(reader, 10),
                reader.IsDBNull(11) ? null : Convert.ToInt32(reader.GetValue(11), CultureInfo.InvariantCulture),
                reader.IsDBNull(12) ? null : reader.GetDouble(12), reader.IsDBNull(13) ? null : reader.GetDouble(13),
                reader.IsDBNull(14) ? null : Instant(reader, 14, postgres)));
        }

        return rows;
    }

    /// <summary>The per-ticket SELECT of <see cref="ReadAsync"/>.</summary>
    public static string Sql(bool postgres, string where)
    {
        var (keys, joins) = Keys(postgres, "OpenedAt");
        return $"""
            SELECT {keys},
              {string.Join(", ", KpiReader.TicketConditions.Select(c => $"CASE WHEN {c} THEN 1 ELSE 0 END"))},
              t."Rating",
              CASE WHEN t."FirstResponseAt" IS NOT NULL THEN {KpiReader.Seconds("FirstResponseAt", postgres)} END,
              CASE WHEN t."ResolvedAt" IS NOT NULL THEN {KpiReader.Seconds("ResolvedAt", postgres)} END,
              t."ClosedAt"
            FROM "RepairTickets" t {joins}
            WHERE {where}
            """;
    }

    /// <summary>The closings matching <paramref name="where"/>, counted per close day and group keys.</summary>
    public static async Task<List<KpiClosings>> ReadClosingsAsync(
        AppDbContext db, string where, CancellationToken ct, params (string Name, DateTimeOffset Value)[] parameters)
    {
        var (keys, joins) = Keys(db.Database.IsNpgsql(), "ClosedAt");
        var sql = $"""
            SELECT {keys}, count(*) FROM "RepairTickets" t {joins}
            WHERE {where}
            GROUP BY 1, 2, 3, 4, 5
            """;
        var rows = new List<KpiClosings>();
        await using var reader = await QueryAsync(db, sql, ct, parameters);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new KpiClosings(
                DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4), reader.GetInt64(5)));
        }

        return rows;
    }

    /// <summary>Runs hand-written SQL in the context's current transaction (SQLite requires it to be named).</summary>
    public static async Task<DbDataReader> QueryAsync(AppDbContext db, string sql, CancellationToken ct, params (string Name, DateTimeOffset Value)[] parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 300;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = SqlValues.Time(db.Database, value);
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteReaderAsync(System.Data.CommandBehavior.Default, ct);
    }

    private static (string Keys, string Joins) Keys(bool postgres, string dayColumn)
    {
        var day = KpiGroupKeys.For(KpiDimension.Day, postgres, dayColumn).Key;
        var (category, categoryJoin) = KpiGroupKeys.For(KpiDimension.Category, postgres, dayColumn);
        var (building, buildingJoins) = KpiGroupKeys.For(KpiDimension.Building, postgres, dayColumn);
        var team = KpiGroupKeys.For(KpiDimension.Team, postgres, dayColumn).Key;
        var worker = KpiGroupKeys.For(KpiDimension.Worker, postgres, dayColumn).Key;
        return ($"{day}, {category}, {building}, {team}, {worker}", categoryJoin + "\n" + buildingJoins);
    }

    private static string Key(KpiDimension by, DateOnly day, string category, string building, string team, string worker) => by switch
    {
        KpiDimension.Overall => "",
        KpiDimension.Category => category,
        KpiDimension.Building => building,
        KpiDimension.Team => team,
        KpiDimension.Worker => worker,
        KpiDimension.Day => DayKey(day),
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
    };

    private static string StatusList(Func<TicketStatus, bool> which) =>
        string.Join(", ", Enum.GetValues<TicketStatus>().Where(which).Select(s => $"'{s}'"));

    private static string Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal);

    private static bool Flag(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture) != 0;

    private static DateTimeOffset Instant(DbDataReader reader, int ordinal, bool postgres) =>
        postgres ? reader.GetFieldValue<DateTimeOffset>(ordinal) : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);
}
