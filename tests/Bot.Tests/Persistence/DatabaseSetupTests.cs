using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Audience;

namespace WechatLogistics.Bot.Tests.Persistence;

public sealed class DatabaseSetupTests
{
    [Fact]
    public void PostgresConnectionString_WithoutAChoice_GetsAutomaticPreparation()
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare("Host=db;Username=bot;Password=secret;Maximum Pool Size=60"));

        Assert.Equal(DatabaseSetup.AutoPreparedStatements, built.MaxAutoPrepare);
        Assert.Equal(2, built.AutoPrepareMinUsages);
        // Everything else is kept.
        Assert.Equal(("db", "bot", "secret", 60), (built.Host, built.Username, built.Password, built.MaxPoolSize));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;MaxAutoPrepare=0")]
    [InlineData("Host=db;max auto prepare=5;Auto Prepare Min Usages=9")]
    public void PostgresConnectionString_ThatChose_IsLeftAsWritten(string connectionString) =>
        Assert.Equal(connectionString, DatabaseSetup.WithAutoPrepare(connectionString));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ASaveThatLosesAUniqueRace_IsAWarningFromEfCore_AndStillThrows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.InitializeAsync();
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using (var first = DatabaseSetup.CreateContext(provider, database.ConnectionString, loggers))
        {
            first.Followers.Add(new Follower("o-same", DateTimeOffset.UtcNow, isFollowing: true));
            await first.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var second = DatabaseSetup.CreateContext(provider, database.ConnectionString, loggers);
        second.Followers.Add(new Follower("o-same", DateTimeOffset.UtcNow, isFollowing: true));

        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync(TestContext.Current.CancellationToken));
        var ef = logs.Entries.Where(e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(ef, e => e.Level >= LogLevel.Error);
        Assert.Contains(ef, e => e.Level == LogLevel.Warning && e.Category == "Microsoft.EntityFrameworkCore.Update");
        Assert.Contains(ef, e => e.Level == LogLevel.Warning && e.Category == "Microsoft.EntityFrameworkCore.Database.Command");
    }
}
