using Npgsql;
using StackExchange.Redis;

namespace WechatLogistics.Bot.Tests.Support;

/// <summary>
/// The real servers scripts/test.sh starts. Outside CI a missing server skips the test (a developer running one test
/// project); when CI is set it fails, so a broken install step can never hide behind skipped tests.
/// </summary>
public static class TestServers
{
    private static readonly Lazy<string?> Redis = new(() => Probe(Environment.GetEnvironmentVariable("ConnectionStrings__TestRedis")));

    private static readonly Lazy<string?> Postgres = new(() => ProbePostgres(Environment.GetEnvironmentVariable("ConnectionStrings__TestPostgres")));

    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static string RedisConnectionString() =>
        Redis.Value ?? Unavailable("Redis", "ConnectionStrings__TestRedis");

    /// <summary>
    /// The maintenance database (ConnectionStrings__TestPostgres): tests create and drop their own databases through
    /// it (<see cref="TestDatabase"/>).
    /// </summary>
    public static string PostgresConnectionString() =>
        Postgres.Value ?? Unavailable("PostgreSQL", "ConnectionStrings__TestPostgres");

    private static string? ProbePostgres(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 2 }.ToString());
            connection.Open();
            return connectionString;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    private static string? Probe(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        try
        {
            using var connection = ConnectionMultiplexer.Connect(connectionString + ",connectTimeout=2000,abortConnect=true");
            connection.GetDatabase().Ping();
            return connectionString;
        }
        catch (RedisConnectionException)
        {
            return null;
        }
    }

    private static string Unavailable(string server, string variable)
    {
        var message = $"{server} is not reachable: run the tests through scripts/test.sh, which starts it and sets {variable}.";
        if (InCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return string.Empty;
    }
}
