using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.StaffWork;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Audience;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Handlers.RepairTickets;
using WechatLogistics.Simulator.Cli;

namespace WechatLogistics.Bot.Tests.Admin;

/// <summary>
/// The real Bot (BotApp.Create, as Program runs it) on a free loopback port with its own SQLite file: a browser needs a
/// real socket, which WebApplicationFactory's in-memory server does not give. demo-staff is an admin with
/// <see cref="StaffHost.Password"/>.
/// </summary>
public sealed class LiveBot : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private LiveBot(WebApplication app, string folder)
    {
        _app = app;
        _folder = folder;
    }

    public string BaseUrl => _app.Urls.First();

    public IServiceProvider Services => _app.Services;

    public static async Task<LiveBot> StartAsync()
    {
        var folder = TestDatabase.NewTempFolder();
        string[] args =
        [
            "--urls=http://127.0.0.1:0", "--Database:Provider=Sqlite", $"--ConnectionStrings:App=Data Source={Path.Combine(folder, "bot.db")}",
            "--ConnectionStrings:Redis=", "--Logging:LogLevel:Default=Error",
            "--Auth:SigningKey=test-signing-key-0123456789-abcdefghijklmnop",
            "--Auth:StaffAccounts:0:UserName=demo-staff", "--Auth:StaffAccounts:0:Role=admin",
            $"--Auth:StaffAccounts:0:PasswordHash={PasswordHasher.Hash(StaffHost.Password)}",
        ];
        var app = BotApp.Create(args);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new LiveBot(app, folder);
    }

    /// <summary>A student's report through Mediator, as the chat dialog files it.</summary>
    public Task<OpenRepairTicketResult> ReportAsync(string student, string location = "E-D01", string category = "WATER-TAP") =>
        Services.SendAsync(Command(student, location, category));

    /// <summary>A report filed <paramref name="ago"/> in the past (the handler on a fake clock): by now it is overdue.</summary>
    public async Task<OpenRepairTicketResult> ReportEarlierAsync(string student, TimeSpan ago, string location = "W-D01", string category = "WATER-TAP")
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow - ago);
        return await new OpenRepairTicketCommandHandler(db, scope.ServiceProvider.GetRequiredService<IMemoryCache>(), clock).Handle(Command(student, location, category), TestContext.Current.CancellationToken);
    }

    public async Task AddFollowersAsync(params string[] openIds)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Followers.AddRange(openIds.Select(id => new Follower(id, DateTimeOffset.UtcNow, isFollowing: true)));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        TestDatabase.DeleteSqliteFolder(_folder, $"Data Source={Path.Combine(_folder, "bot.db")}");
    }

    private static OpenRepairTicketCommand Command(string student, string location, string category) =>
        new(student, ReferenceDataSeed.CategoryId(category), ReferenceDataSeed.LocationId(location), $"{location} 302 <b>宿舍</b>",
            "水龙头一直滴水", [], null, Guid.NewGuid().ToString("N"));
}
