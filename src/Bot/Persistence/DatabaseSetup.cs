using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

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
        options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);

    public static DbContextOptionsBuilder Postgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString);

    /// <summary>A context outside DI: design-time tools, tests (with <paramref name="interceptors"/> to inject faults), one-off jobs.</summary>
    public static AppDbContext CreateContext(DatabaseProvider provider, string connectionString, params IInterceptor[] interceptors) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteAppDbContext(
            (DbContextOptions<SqliteAppDbContext>)Sqlite(new DbContextOptionsBuilder<SqliteAppDbContext>(), connectionString)
                .AddInterceptors(interceptors).Options),
        DatabaseProvider.Postgres => new PostgresAppDbContext(
            (DbContextOptions<PostgresAppDbContext>)Postgres(new DbContextOptionsBuilder<PostgresAppDbContext>(), connectionString)
                .AddInterceptors(interceptors).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

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
