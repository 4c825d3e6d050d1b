using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WechatLogistics.Bot.Persistence;

/// <summary>The embedded default. Its migrations live in Persistence/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date-time type: EF would store text with the offset, which sorts wrongly across offsets
        // and cannot be used in ORDER BY. UTC ticks sort, compare and index as plain integers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}

/// <summary>For <c>dotnet ef migrations add … --context SqliteAppDbContext</c>; never connects.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        (SqliteAppDbContext)DatabaseSetup.CreateContext(DatabaseProvider.Sqlite, DatabaseSetup.DefaultSqliteConnectionString);
}
