using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Mini;

/// <summary>
/// A Bot host with the mini-program configured against the simulator's fake WeChat API (jscode2session, user/info),
/// its own database (SQLite or PostgreSQL), optionally a real Redis for sign-in sessions, and its own photo folder.
/// </summary>
public sealed class MiniTestBed : IAsyncDisposable
{
    private MiniTestBed(TestDatabase database, FakeApiHost fake, BotFactory host, string photoFolder)
    {
        Database = database;
        Fake = fake;
        Host = host;
        PhotoFolder = photoFolder;
    }

    public TestDatabase Database { get; }

    public FakeApiHost Fake { get; }

    public BotFactory Host { get; }

    public string PhotoFolder { get; }

    public static async Task<MiniTestBed> StartAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite,
        bool redis = false,
        FakeApiOptions? fake = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var redisConnection = redis ? TestServers.RedisConnectionString() : null;
        var database = await TestDatabase.CreateAsync(provider);
        var api = await FakeApiHost.StartAsync((fake ?? new FakeApiOptions()) with { Port = 0 });
        var photos = TestDatabase.NewTempFolder();
        var all = new Dictionary<string, string?>(HostData.ChatSettings(database.Settings))
        {
            // The Official Account keeps the demo AppId (the chat pushes are encrypted for it); the mini-program gets its own,
            // because access tokens are cached per AppId and tests sharing Redis each have their own fake API.
            ["WeChat:ApiBaseUrl"] = api.BaseAddress.ToString().TrimEnd('/'),
            ["MiniProgram:AppId"] = "wxmini" + Guid.NewGuid().ToString("N")[..12],
            ["MiniProgram:AppSecret"] = "mini-secret",
            ["MiniApi:PhotoFolder"] = photos,
            ["MiniApi:RequestsPerMinute"] = "10000",
            ["MiniApi:LoginsPerMinute"] = "10000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = new BotFactory(redisConnection, all);
        _ = host.Services; // starts it (and migrates the database)
        return new MiniTestBed(database, api, host, photos);
    }

    /// <summary>A student signed in through the mini-program: <c>valid-NAME</c> is the fake's login code for OpenId o-NAME.</summary>
    public async Task<MiniClient> SignInAsync(string name)
    {
        var client = new MiniClient(Host.CreateClient());
        var login = await client.LoginAsync($"valid-{name}-{Guid.NewGuid():N}");
        Assert.Equal(System.Net.HttpStatusCode.OK, login.Status);
        return client;
    }

    /// <summary>Every file under the photo folder (what uploads left on disk).</summary>
    public IReadOnlyList<string> StoredPhotos() =>
        Directory.Exists(PhotoFolder) ? Directory.GetFiles(PhotoFolder, "*", SearchOption.AllDirectories) : [];

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(PhotoFolder, recursive: true);
        }
        catch (IOException)
        {
            // Still open somewhere; the OS cleans its temp folder.
        }
    }
}
