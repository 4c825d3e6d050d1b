using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StackExchange.Redis;
using WechatLogistics.Bot.Infrastructure.Redis;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Domain.Audience;

namespace WechatLogistics.FanoutBench;

/// <summary>
/// The fan-out benchmark's driver (bench/fanout.sh):
///   seed --db CONN --redis CONN --appid ID --count N   N followers, each with an open 48-hour window
///   run --bot URL --pid PID --count N                    publish to everyone as the demo staff account, wait for the
///                                                        report to count N sent; print time, the bot's CPU and peak RSS
/// </summary>
internal static class FanoutProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = args.Skip(1).Chunk(2).ToDictionary(p => p[0], p => p[1]);
        return args[0] switch
        {
            "seed" => await SeedAsync(options["--db"], options["--redis"], options["--appid"], int.Parse(options["--count"], CultureInfo.InvariantCulture)),
            "run" => await RunAsync(new Uri(options["--bot"]), int.Parse(options["--pid"], CultureInfo.InvariantCulture), int.Parse(options["--count"], CultureInfo.InvariantCulture)),
            _ => 2,
        };
    }

    private static async Task<int> SeedAsync(string db, string redis, string appId, int count)
    {
        await using (var context = DatabaseSetup.CreateContext(DatabaseProvider.Sqlite, db))
        {
            await DatabaseInitializer.InitializeAsync(context, DateTimeOffset.UtcNow, CancellationToken.None);
            context.Followers.AddRange(Enumerable.Range(0, count).Select(i => new Follower(User(i), DateTimeOffset.UtcNow, isFollowing: true)));
            await context.SaveChangesAsync();
        }

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var batch = connection.GetDatabase().CreateBatch();
        var writes = Enumerable.Range(0, count).Select(i =>
            batch.StringSetAsync(RedisKeys.ContactWindow(appId, User(i)), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ContactWindowRules.Length)).ToList();
        batch.Execute();
        await Task.WhenAll(writes);
        Console.WriteLine($"seeded {count} followers with open windows");
        return 0;
    }

    private static async Task<int> RunAsync(Uri bot, int pid, int count)
    {
        using var http = new HttpClient { BaseAddress = bot, Timeout = TimeSpan.FromMinutes(5) };
        var login = await http.PostAsJsonAsync("/api/staff/login", new { userName = "demo-staff", password = "demo-staff-password" });
        login.EnsureSuccessStatusCode();
        var token = (string)JsonNode.Parse(await login.Content.ReadAsStringAsync())!["accessToken"]!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var (cpuBefore, _) = Proc(pid);
        var clock = Stopwatch.StartNew();
        var published = await http.PostAsJsonAsync("/api/staff/announcements", new { title = "停水通知", body = "东区今晚22:00至次日6:00停水，请提前储水。", audience = "Everyone" });
        published.EnsureSuccessStatusCode();
        var stored = clock.Elapsed;
        var report = published.Headers.Location + "/report";
        JsonNode state;
        do
        {
            await Task.Delay(250);
            state = JsonNode.Parse(await http.GetStringAsync(report))!;
        }
        while ((int)state["sent"]! + (int)state["skipped"]! + (int)state["failed"]! < count);

        var total = clock.Elapsed;
        var (cpuAfter, peakKb) = Proc(pid);
        var cpu = cpuAfter - cpuBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT recipients={(int)state["recipients"]!} sent={(int)state["sent"]!} failed={(int)state["failed"]!} publish_s={stored.TotalSeconds:0.00} " +
            $"deliver_all_s={total.TotalSeconds:0.00} rate_per_s={count / total.TotalSeconds:0} bot_cpu_s={cpu:0.00} " +
            $"cpu_ms_per_message={cpu * 1000 / count:0.000} bot_peak_rss_mb={peakKb / 1024.0:0}"));
        return 0;
    }

    private static string User(int i) => "o-bench-" + i.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>CPU seconds (user + system) from /proc/PID/stat and peak resident memory (VmHWM, kB).</summary>
    private static (double CpuSeconds, long PeakKb) Proc(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var hwm = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return (ticks / 100.0, long.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
    }
}
