using Npgsql;
using WechatLogistics.Bot.Persistence;

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
}
