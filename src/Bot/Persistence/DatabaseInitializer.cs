using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence.Seeding;

namespace WechatLogistics.Bot.Persistence;

/// <summary>
/// Brings the database up to date before the app serves requests (hosted services start before the server):
/// applies the provider's migrations, then adds whatever reference data is missing.
/// </summary>
public sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes, TimeProvider time, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var (applied, seeded) = await InitializeAsync(db, time.GetUtcNow(), cancellationToken);
        LogReady(logger, db.Database.ProviderName, applied, seeded);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Any constant distinct from the seeder's; "WLMIGRAT" in ASCII.</summary>
    private const long MigrationLockKey = 0x574C_4D49_4752_4154;

    /// <summary>Safe to run again and from several instances at once: migrations and seeding each take a lock.</summary>
    public static async Task<(int Applied, int Seeded)> InitializeAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            DatabaseSetup.EnsureSqliteDirectory(db.Database.GetConnectionString()!);
            // WAL lets readers run while one writer writes; the mode is stored in the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
        await MigrateAsync(db, ct);
        await HoursLedgerBackfill.RunAsync(db, ct);
        await RepairTicketPlaceKeyBackfill.RunAsync(db, ct);

        var seeded = await ReferenceDataSeeder.SeedAsync(db, now, ct);
        return (pending, seeded);
    }

    /// <remarks>
    /// EF's own migration lock on PostgreSQL lasts one migration's transaction, but each instance plans the whole list
    /// first: with two pending migrations, the second instance re-applies what the first just did ("column already
    /// exists"). A session-level advisory lock around the whole run serialises the instances; the later one then finds
    /// nothing pending. SQLite is a single file on one machine: EF's lock suffices there.
    /// </remarks>
    private static async Task MigrateAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync(ct);
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", ct);
            try
            {
                await db.Database.MigrateAsync(ct);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider}): {Applied} migrations applied, {Seeded} reference rows added")]
    private static partial void LogReady(ILogger logger, string? provider, int applied, int seeded);
}
