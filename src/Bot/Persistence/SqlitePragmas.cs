using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WechatLogistics.Bot.Persistence;

/// <summary>
/// Per-connection SQLite settings. busy_timeout makes a writer wait for the single write lock instead of failing
/// with "database is locked"; synchronous=NORMAL is the safe pairing with WAL (set once, at start-up).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Sql = "PRAGMA busy_timeout = 15000; PRAGMA synchronous = NORMAL;";

    public static SqlitePragmas Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
