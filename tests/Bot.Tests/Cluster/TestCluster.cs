using System.Diagnostics;
using System.Net.Http.Json;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Simulator.Callback;
using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Cluster;

/// <summary>
/// The cluster scripts/test.sh starts with scripts/cluster.sh (PostgreSQL, Redis, two Bot instances, nginx, the fake
/// WeChat API), described by the <c>TestCluster__*</c> variables it exports. Outside CI a missing cluster skips the
/// test; in CI it fails, like <see cref="Support.TestServers"/>.
/// </summary>
public sealed class TestCluster
{
    private static readonly Lazy<TestCluster?> Current = new(Discover);

    private TestCluster(Uri balancer, IReadOnlyList<Uri> instances, string postgres, string redis, Uri fakeApi)
    {
        Balancer = balancer;
        Instances = instances;
        Postgres = postgres;
        Redis = redis;
        FakeApi = fakeApi;
    }

    /// <summary>nginx in front of the instances.</summary>
    public Uri Balancer { get; }

    public IReadOnlyList<Uri> Instances { get; }

    public string Postgres { get; }

    public string Redis { get; }

    public Uri FakeApi { get; }

    public static TestCluster Get()
    {
        if (Current.Value is { } cluster)
        {
            return cluster;
        }

        const string message = "The test cluster is not running: run the tests through scripts/test.sh, which starts it with scripts/cluster.sh.";
        if (Support.TestServers.InCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return null!;
    }

    /// <summary>
    /// A simulated WeChat server toward one instance (or nginx), safe mode. The Bot keeps WeChat's 5 s itself (tested
    /// in DeliveryDedupeTests); here the client waits longer, because a 2-core CI machine running two instances, their
    /// databases and 200 simulated students at once is slower than the protocol, and that says nothing about the Bot.
    /// </summary>
    public BotConnection Connect(Uri bot) =>
        new(new HttpClient { BaseAddress = bot, Timeout = TimeSpan.FromSeconds(60) }, Simulator.SimulatorTestSettings.Safe);

    public AppDbContext Database() => DatabaseSetup.CreateContext(DatabaseProvider.Postgres, Postgres);

    /// <summary>Runs <c>scripts/cluster.sh</c> with the cluster's own settings (inherited from scripts/test.sh).</summary>
    public static async Task ScriptAsync(params string[] args)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "cluster.sh");
        var start = new ProcessStartInfo("bash", [script, .. args]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"cluster.sh {string.Join(' ', args)} failed: {await stderr}{await stdout}");
    }

    public async Task<IReadOnlyList<FakeApiCall>> FakeApiCallsAsync()
    {
        using var http = new HttpClient { BaseAddress = FakeApi };
        return await http.GetFromJsonAsync<List<FakeApiCall>>("/_sim/log") ?? [];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WechatLogistics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("WechatLogistics.sln not found above " + AppContext.BaseDirectory);
    }

    private static TestCluster? Discover()
    {
        string? Env(string name) => Environment.GetEnvironmentVariable("TestCluster__" + name) is { Length: > 0 } value ? value : null;
        if (Env("Url") is not { } url || Env("Instances") is not { } instances || Env("Postgres") is not { } postgres
            || Env("Redis") is not { } redis || Env("FakeApi") is not { } fakeApi)
        {
            return null;
        }

        return new TestCluster(
            new Uri(url), [.. instances.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(u => new Uri(u))], postgres, redis, new Uri(fakeApi));
    }
}

/// <summary>The cluster tests share one cluster and some stop parts of it: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
