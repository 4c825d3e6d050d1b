using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace WechatLogistics.Bot.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>How each provider is configured; shared by the host, the design-time factories and the tests.</summary>
public static class DatabaseSetup
{
    /// <summary>Relative to the working directory: <c>dotnet run --project src/Bot</c> from the root uses ./data.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/wechat-logistics.db";

    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        var value = configuration["Database:Provider"];
        return string.IsNullOrWhiteSpace(value) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{value}'.");
    }

    public static string ConnectionStringFrom(IConfiguration configuration, DatabaseProvider provider) =>
        configuration.GetConnectionString("App") is { Length: > 0 } connectionString ? connectionString
            : provider == DatabaseProvider.Sqlite ? DefaultSqliteConnectionString
            : throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:App is empty.");

    public static DbContextOptionsBuilder Sqlite(DbContextOptionsBuilder options, string connectionString) =>
        Common(options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance));

    public static DbContextOptionsBuilder Postgres(DbContextOptionsBuilder options, string connectionString) =>
        Common(options.UseNpgsql(WithAutoPrepare(connectionString)));

    /// <summary>
    /// A failed command or save is logged by EF Core as a warning, not an error: the exception goes on to the code that
    /// ran it, which knows whether it is one. Most are expected — a unique index settling a race (two detections opening
    /// one building's incident, a retried idempotent insert) — and are handled there; the rest surface as errors where
    /// they are caught (the webhook, the outbox, the request pipeline), once, with what was being done.
    /// </summary>
    private static DbContextOptionsBuilder Common(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(warnings => warnings.Log(
            (RelationalEventId.CommandError, LogLevel.Warning),
            (CoreEventId.SaveChangesFailed, LogLevel.Warning)));

    /// <summary>
    /// Npgsql's automatic preparation, unless the connection string chose otherwise (<c>Max Auto Prepare=0</c> turns it
    /// off, e.g. behind a pooler without prepared-statement support): a statement run twice on a connection is prepared
    /// on the server, so PostgreSQL stops parsing and planning the same report-path SQL for every message. It cut
    /// PostgreSQL's CPU per 报修 message by about a quarter (bench/README.md, sixth session).
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        // Npgsql's own builder knows every keyword whether given or not; the plain one holds only what was written.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.MaxAutoPrepare = AutoPreparedStatements;
        builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    /// <summary>Per physical connection: above the number of distinct statements a dialog's messages run.</summary>
    public const int AutoPreparedStatements = 64;

    /// <summary>A context outside DI: design-time tools, tests (with <paramref name="interceptors"/> to inject faults), one-off jobs.</summary>
    public static AppDbContext CreateContext(DatabaseProvider provider, string connectionString, params IInterceptor[] interceptors) =>
        CreateContext(provider, connectionString, null, interceptors);

    /// <inheritdoc cref="CreateContext(DatabaseProvider, string, IInterceptor[])"/>
    /// <param name="loggers">Where EF Core logs to; null: nowhere.</param>
    public static AppDbContext CreateContext(DatabaseProvider provider, string connectionString, ILoggerFactory? loggers, params IInterceptor[] interceptors) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteAppDbContext(
            (DbContextOptions<SqliteAppDbContext>)Extras(Sqlite(new DbContextOptionsBuilder<SqliteAppDbContext>(), connectionString), loggers, interceptors).Options),
        DatabaseProvider.Postgres => new PostgresAppDbContext(
            (DbContextOptions<PostgresAppDbContext>)Extras(Postgres(new DbContextOptionsBuilder<PostgresAppDbContext>(), connectionString), loggers, interceptors).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    private static DbContextOptionsBuilder Extras(DbContextOptionsBuilder options, ILoggerFactory? loggers, IInterceptor[] interceptors) =>
        loggers is null ? options.AddInterceptors(interceptors) : options.AddInterceptors(interceptors).UseLoggerFactory(loggers);

    /// <summary>SQLite creates the file but not its folder.</summary>
    public static void EnsureSqliteDirectory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
