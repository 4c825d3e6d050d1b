using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Domain.Audience;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Outbox;

/// <summary>
/// One database, the fake WeChat/WeCom API in process, and Bot hosts pointed at both with a fast outbox (short polls
/// and backoffs). Hosts share Redis when asked, so a second host sees the first one's contact windows and tokens.
/// </summary>
public sealed class OutboxTestBed : IAsyncDisposable
{

    private readonly List<BotFactory> _hosts = [];

    private OutboxTestBed(TestDatabase database, FakeApiHost fake, string? redis)
    {
        Database = database;
        Fake = fake;
        Redis = redis;
    }

    public TestDatabase Database { get; }

    public FakeApiHost Fake { get; private set; }

    public string? Redis { get; }

    /// <summary>
    /// Unique per test bed: Redis keys (access token, contact windows) are per AppId, so parallel tests, each with its own
    /// fake API, never use each other's tokens.
    /// </summary>
    public string AppId { get; } = "wxtest" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Unique per test bed, so tests sharing Redis never see each other's users.</summary>
    public string UserPrefix { get; } = "o-" + Guid.NewGuid().ToString("N")[..8] + "-";

    public static async Task<OutboxTestBed> CreateAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite, FakeApiOptions? fake = null, bool redis = true)
    {
        var redisConnection = redis ? TestServers.RedisConnectionString() : null;
        var database = await TestDatabase.CreateAsync(provider);
        await database.InitializeAsync();
        var api = await FakeApiHost.StartAsync((fake ?? new FakeApiOptions()) with { Port = 0 });
        return new OutboxTestBed(database, api, redisConnection);
    }

    public string User(int n) => UserPrefix + n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A started Bot host on this bed. Settings override the fast defaults.</summary>
    public BotFactory StartHost(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(Database.Settings)
        {
            ["WeChat:AppId"] = AppId,
            ["WeChat:ApiBaseUrl"] = Fake.BaseAddress.ToString().TrimEnd('/'),
            ["WeCom:ApiBaseUrl"] = Fake.BaseAddress.ToString().TrimEnd('/'),
            ["Outbox:PollInterval"] = "00:00:00.050",
            ["Outbox:RetryBaseDelay"] = "00:00:00.020",
            ["Outbox:MaxRetryDelay"] = "00:00:00.500",
            ["Outbox:MaxAttempts"] = "30",
            ["Outbox:OfficialAccountPerSecond"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = new BotFactory(Redis, all) { RecordDeferredReplies = false, ConfigureServices = services };
        _ = host.Services; // starts it
        _hosts.Add(host);
        return host;
    }

    public async Task StopAsync(BotFactory host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    /// <summary>Stops the fake API (WeChat is down) and returns a function that brings it back on the same port.</summary>
    public async Task<Func<Task>> StopApiAsync()
    {
        var state = Fake.State;
        var port = Fake.BaseAddress.Port;
        await Fake.DisposeAsync();
        return async () => Fake = await FakeApiHost.StartAsync(state, port);
    }

    public async Task AddFollowersAsync(int count, DateTimeOffset? at = null)
    {
        await using var db = Database.CreateContext();
        for (var i = 0; i < count; i++)
        {
            db.Followers.Add(new Follower(User(i), at ?? DateTimeOffset.UtcNow, isFollowing: true));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The users wrote to the account: the bot's contact window is open (and the fake's, when it checks).</summary>
    public async Task OpenWindowsAsync(BotFactory host, IEnumerable<string> users)
    {
        var window = host.Services.GetRequiredService<IContactWindow>();
        using var http = Fake.CreateClient();
        foreach (var user in users)
        {
            await window.RecordAsync(AppId, user, CancellationToken.None);
            if (Fake.State.Options.StrictWindow)
            {
                (await http.PostAsync($"/_sim/interaction?openid={user}", null)).EnsureSuccessStatusCode();
            }
        }
    }

    public static async Task EnqueueAsync(BotFactory host, params OutboxItem[] items)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        foreach (var item in items)
        {
            outbox.Enqueue(item);
        }

        await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync();
    }

    public async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var db = Database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().ToListAsync();
    }

    /// <summary>Waits until no row is pending (or fails after <paramref name="timeout"/>).</summary>
    public async Task<List<OutboxMessage>> WaitUntilSettledAsync(TimeSpan timeout, int? expectedRows = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = await RowsAsync();
            if ((expectedRows is null || rows.Count >= expectedRows) && rows.All(r => r.Status != OutboxStatus.Pending))
            {
                return rows;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Outbox not settled after {timeout}: {rows.Count(r => r.Status == OutboxStatus.Pending)} of {rows.Count} rows pending.");
            }

            await Task.Delay(50);
        }
    }

    public static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting for " + what);
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Successful calls to one API path, per recipient.</summary>
    public Dictionary<string, int> Delivered(string path) =>
        Fake.State.Log.Snapshot()
            .Where(c => c.Path == path && c.ErrCode == 0 && c.ToUser is not null)
            .GroupBy(c => c.ToUser!)
            .ToDictionary(g => g.Key, g => g.Count());

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await Fake.DisposeAsync();
        await Database.DisposeAsync();
    }
}
