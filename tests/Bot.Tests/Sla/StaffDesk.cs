using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.RepairTickets;

namespace WechatLogistics.Bot.Tests.Sla;

/// <summary>
/// The Bot's own services (AddBot: Mediator, pooled contexts, outbox mappers) over one real database, with a fake clock
/// and no hosted service running: the tests send the monitor's and the detector's commands themselves, each in its own
/// scope as the background services would.
/// </summary>
public sealed class StaffDesk : IAsyncDisposable
{
    public const string Supervisor = "zhu.ren";

    private readonly IHost _host;

    private StaffDesk(TestDatabase database, IHost host, FakeTimeProvider clock)
    {
        Database = database;
        _host = host;
        Clock = clock;
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _host.Services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="start">The fake clock's start; whole seconds, so PostgreSQL round trips compare exactly.</param>
    public static async Task<StaffDesk> CreateAsync(DatabaseProvider provider, DateTimeOffset start, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await database.InitializeAsync(start);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", Args = [] });
        var all = new Dictionary<string, string?>(database.Settings)
        {
            ["ConnectionStrings:Redis"] = "",
            ["Sla:SupervisorUserIds"] = Supervisor,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        builder.Logging.ClearProviders();
        builder.Services.AddBot(builder.Configuration);
        var clock = new FakeTimeProvider(start);
        builder.Services.AddSingleton<TimeProvider>(clock);
        return new StaffDesk(database, builder.Build(), clock);
    }

    public async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, Ct);
    }

    public async Task<T> QueryAsync<T>(IQuery<T> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, Ct);
    }

    /// <summary>Opens a ticket at the clock's time (Normal priority: response 8 h, resolution 24 h).</summary>
    public async Task<Guid> OpenAsync(string category = "WATER-TAP", string place = "E-D01", string reporter = "o-student-0001", DateTimeOffset? at = null)
    {
        if (at is { } when)
        {
            Clock.SetUtcNow(when);
        }

        var result = await SendAsync(new OpenRepairTicketCommand(
            reporter, ReferenceDataSeed.CategoryId(category), ReferenceDataSeed.LocationId(place), null, "测试报修", [], Priority.Normal, Guid.NewGuid().ToString("N")));
        return result.TicketId;
    }

    /// <summary>Changes a ticket through the domain in its own unit of work, as a staff request would.</summary>
    public async Task ActAsync(Guid ticketId, Action<RepairTicket> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        action(await db.RepairTickets.SingleAsync(t => t.Id == ticketId, Ct));
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Assign (5 min before the accept), accept, start, resolve: hours after <paramref name="opened"/>, the report.</summary>
    public static void Repair(RepairTicket ticket, string worker, Actor dispatcher, DateTimeOffset opened, double accept, double resolve)
    {
        ticket.Assign(worker, dispatcher, opened.AddHours(accept).AddMinutes(-5));
        ticket.Accept(worker, opened.AddHours(accept));
        ticket.Start(worker, opened.AddHours((accept + resolve) / 2));
        ticket.Resolve(worker, null, opened.AddHours(resolve));
    }

    public async Task<List<OutboxMessage>> OutboxAsync(OutboxChannel channel)
    {
        await using var db = Database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Channel == channel).OrderBy(m => m.CreatedAt).ToListAsync(Ct);
    }

    /// <summary>The SLA monitor's WeCom messages only (a ticket's assignment also notifies its worker).</summary>
    public async Task<List<OutboxMessage>> SlaMessagesAsync() =>
        [.. (await OutboxAsync(OutboxChannel.WeComApp)).Where(m => m.IdempotencyKey.StartsWith("sla|sla:", StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await Database.DisposeAsync();
    }
}
