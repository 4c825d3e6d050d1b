using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Bot.Persistence.Kpis;

/// <summary>
/// The SQL of each <see cref="KpiDimension"/>: the group-key expression (as text) over the tickets <c>t</c>, and the joins it
/// needs. <paramref name="timeColumn"/> is the column the period filters on (OpenedAt, or ClosedAt for the closed count),
/// which is also the day of the Day dimension. Add a dimension here and in KpiLabels.
/// </summary>
internal static class KpiGroupKeys
{
    // Locations nest area → building → floor → room: the building is the ticket's place or one of its two parents.
    private const string BuildingJoins = """
        LEFT JOIN "Locations" l1 ON l1."Id" = t."LocationId"
        LEFT JOIN "Locations" l2 ON l2."Id" = l1."ParentId"
        LEFT JOIN "Locations" l3 ON l3."Id" = l2."ParentId"
        """;

    private const string BuildingKey = """
        CASE 'Building' WHEN l1."Kind" THEN l1."Id" WHEN l2."Kind" THEN l2."Id" WHEN l3."Kind" THEN l3."Id" END
        """;

    private const string CategoryJoin = """JOIN "RepairCategories" c ON c."Id" = t."CategoryId" """;

    public static (string Key, string Joins) For(KpiDimension by, bool postgres, string timeColumn) => by switch
    {
        KpiDimension.Overall => ("''", ""),
        KpiDimension.Category => (Text("COALESCE(c.\"ParentId\", c.\"Id\")", postgres), CategoryJoin),
        KpiDimension.Building => (Text(BuildingKey, postgres), BuildingJoins),
        KpiDimension.Worker => ("t.\"AssigneeId\"", ""),
        KpiDimension.Team => (Text("t.\"TeamId\"", postgres), ""),
        KpiDimension.Day => (postgres
            ? $"to_char(t.\"{timeColumn}\" AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD')"
            : $"date((t.\"{timeColumn}\" - 621355968000000000) / 10000000 + 28800, 'unixepoch')", ""),
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
    };

    // Guids are uuid on PostgreSQL and text on SQLite; keys are read as text on both.
    private static string Text(string expression, bool postgres) => postgres ? $"({expression})::text" : expression;
}
