using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WechatLogistics.Bot.Persistence;

/// <summary>The at-scale store. Its migrations live in Persistence/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    /// <inheritdoc />
    /// <remarks>
    /// A session-level advisory lock on this context's own connection, kept open until the handle is disposed, so
    /// the save in between runs on the same connection. Should the instance die, PostgreSQL drops the lock with the
    /// connection.
    /// </remarks>
    public override async ValueTask<IAsyncDisposable> LockAsync(string resource, CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_lock(hashtextextended({resource}, 0))", cancellationToken);
        }
        catch
        {
            await Database.CloseConnectionAsync();
            throw;
        }

        return new Release(async () =>
        {
            try
            {
                await Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtextextended({resource}, 0))", CancellationToken.None);
            }
            finally
            {
                await Database.CloseConnectionAsync();
            }
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // timestamptz stores an instant; Npgsql refuses a DateTimeOffset whose offset is not zero, so normalise.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
    }

    private sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(),
        value => value);
}

/// <summary>For <c>dotnet ef migrations add … --context PostgresAppDbContext</c>; never connects.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        (PostgresAppDbContext)DatabaseSetup.CreateContext(DatabaseProvider.Postgres, "Host=localhost;Database=design_time");
}
