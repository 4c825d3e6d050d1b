using StackExchange.Redis;
using WechatLogistics.Bot.Infrastructure.Redis;
using WechatLogistics.Bot.Tests.Support;

namespace WechatLogistics.Bot.Tests.Infrastructure;

/// <summary>The webhook's group commit against a real Redis: answers, order, fire-and-forget, and a Redis that is down.</summary>
public sealed class RedisBatcherTests : IAsyncLifetime
{
    private readonly string _prefix = "wl:test:batch:" + Guid.NewGuid().ToString("N")[..10] + ":";
    private ConnectionMultiplexer _redis = null!;

    public async ValueTask InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(TestServers.RedisConnectionString());

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task ManyCallersAtOnce_EachGetTheirOwnAnswer_InFewerWritesThanCallers()
    {
        var batcher = new RedisBatcher(_redis);
        const int callers = 400;

        // All added while the first batch is on its way: they wait for it and leave together.
        var reads = new List<Task<RedisValue>>();
        for (var i = 0; i < callers; i++)
        {
            reads.Add(batcher.Add((Key: (RedisKey)(_prefix + i), Value: "v" + i), static (batch, s) =>
            {
                _ = batch.StringSetAsync(s.Key, s.Value, TimeSpan.FromMinutes(1));
                var read = batch.StringGetAsync(s.Key);
                return new Batched<Task<RedisValue>>(read, read);
            }));
        }

        var values = await Task.WhenAll(reads).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(0, callers).Select(i => "v" + i), values.Select(v => (string)v!));
        Assert.InRange(batcher.BatchesSent, 1, callers / 2);
    }

    [Fact]
    public async Task CommandsOfOneKey_ReachRedisInTheOrderTheyWereAdded_AcrossBatches()
    {
        var batcher = new RedisBatcher(_redis);
        var key = (RedisKey)(_prefix + "order");

        // The first write is awaited, so it is in flight while the next ones wait in the open batch.
        var first = batcher.Add(key, static (batch, k) =>
        {
            var set = batch.StringSetAsync(k, "1", TimeSpan.FromMinutes(1));
            return new Batched<Task<bool>>(set, set);
        });
        for (var i = 2; i <= 50; i++)
        {
            batcher.Add((Key: key, Value: i.ToString(System.Globalization.CultureInfo.InvariantCulture)), static (batch, s) =>
            {
                _ = batch.StringSetAsync(s.Key, s.Value, TimeSpan.FromMinutes(1), flags: CommandFlags.FireAndForget);
                return new Batched<bool>(true, null);
            });
        }

        var last = batcher.Add(key, static (batch, k) =>
        {
            var read = batch.StringGetAsync(k);
            return new Batched<Task<RedisValue>>(read, read);
        });

        Assert.True(await first);
        Assert.Equal("50", (string?)await last.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task FireAndForgetOnly_LeavesAtOnce_WhenNothingIsInFlight()
    {
        var batcher = new RedisBatcher(_redis);
        var key = (RedisKey)(_prefix + "ff");

        batcher.Add(key, static (batch, k) =>
        {
            _ = batch.StringSetAsync(k, "sent", TimeSpan.FromMinutes(1), flags: CommandFlags.FireAndForget);
            return new Batched<bool>(true, null);
        });

        // Sent already: a command on the same connection afterwards finds it, without any batch to carry it.
        Assert.Equal("sent", (string?)await _redis.GetDatabase().StringGetAsync(key));
        Assert.Equal(1, batcher.BatchesSent);
    }

    [Fact]
    public async Task RedisDown_EachCallerSeesTheError_AndLaterCallersAreNotStuckBehindIt()
    {
        var options = ConfigurationOptions.Parse("127.0.0.1:1");
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = 500;
        await using var down = await ConnectionMultiplexer.ConnectAsync(options);
        var batcher = new RedisBatcher(down);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var read = batcher.Add((RedisKey)"wl:test:down", static (batch, k) =>
            {
                var get = batch.StringGetAsync(k);
                return new Batched<Task<RedisValue>>(get, get);
            });

            // A stall would surface as a TimeoutException from WaitAsync, not as the connection's own error.
            await Assert.ThrowsAsync<RedisConnectionException>(() => read.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }
}
