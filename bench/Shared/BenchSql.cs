using System.Data.Common;

namespace WechatLogistics.Bench;

/// <summary>Plain SQL for the data benchmarks' loaders (linked into GrowthBench and KpiBench).</summary>
internal static class BenchSql
{
    public static async Task ExecAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 1800;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The secondary indexes of <paramref name="tables"/> (name and the SQL that re-creates them), optionally by name pattern.</summary>
    public static async Task<List<(string Name, string Sql)>> IndexesAsync(
        DbConnection connection, bool sqlite, IReadOnlyList<string> tables, CancellationToken ct, string like = "%")
    {
        var names = string.Join(", ", tables.Select(t => $"'{t}'"));
        await using var command = connection.CreateCommand();
        command.CommandText = sqlite
            ? $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({names}) AND sql IS NOT NULL AND name LIKE '{like}'"
            : $"SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ({names}) AND indexname NOT LIKE 'PK_%' AND indexname LIKE '{like}'";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<(string, string)>();
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetString(0), reader.GetString(1)));
        }

        return list;
    }
}
