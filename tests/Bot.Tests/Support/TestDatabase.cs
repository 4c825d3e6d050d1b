using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using WechatLogistics.Bot.Persistence;

namespace WechatLogistics.Bot.Tests.Support;

/// <summary>
/// An empty database of its own for one test: a SQLite file in a fresh temp folder, or a PostgreSQL database created
/// on the test server (skipped locally when there is none, failed in CI). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _postgresAdmin;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? folder, string? postgresAdmin)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        _postgresAdmin = postgresAdmin;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Host settings that point a <see cref="BotFactory"/> at this database.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:App"] = ConnectionString,
    };

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = NewTempFolder();
            return new TestDatabase(provider, $"Data Source={Path.Combine(folder, "app.db")}", folder, null);
        }

        var admin = TestServers.PostgresConnectionString();
        var name = "wl_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(provider, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString(), null, admin);
    }

    /// <summary>A folder under the system temp folder that the caller deletes with <see cref="DeleteSqliteFolder"/>.</summary>
    public static string NewTempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wechat-logistics-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void DeleteSqliteFolder(string folder, string connectionString)
    {
        // Pooled connections keep the file (and its -wal/-shm companions) open.
        using (var connection = new SqliteConnection(connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing; the temp folder is cleaned by the OS eventually.
        }
    }

    public AppDbContext CreateContext(params IInterceptor[] interceptors) => DatabaseSetup.CreateContext(Provider, ConnectionString, interceptors);

    /// <summary>Migrates and seeds, as the host does at start.</summary>
    public async Task InitializeAsync(DateTimeOffset? now = null)
    {
        await using var db = CreateContext();
        await DatabaseInitializer.InitializeAsync(db, now ?? DateTimeOffset.UtcNow, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            DeleteSqliteFolder(_folder, ConnectionString);
            return;
        }

        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(_postgresAdmin);
        await connection.OpenAsync();
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
