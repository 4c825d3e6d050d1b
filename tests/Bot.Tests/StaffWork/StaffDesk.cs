using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.RepairTickets;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Bot.Tests.StaffWork;

/// <summary>
/// The staff handlers over one real, migrated and seeded database, each call in its own DbContext as requests run
/// them, with a fake clock. Two workers in 水电班 (1001 wang, 1002 zhao), one in 网络组 (2001 net.li), a 水电班
/// dispatcher (9001), and the seeded admin demo-staff.
/// </summary>
public sealed class StaffDesk(TestDatabase database)
{
    public const string Wang = "wang";
    public const string Zhao = "zhao";
    public const string NetLi = "net.li";
    public const string WaterDispatcher = "disp.water";
    public const string Admin = "demo-staff";

    public static readonly Guid WaterTeam = ReferenceDataSeed.TeamId("WATER-ELEC");
    public static readonly Guid NetTeam = ReferenceDataSeed.TeamId("NETWORK");

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public MemoryCache Cache { get; } = new(new MemoryCacheOptions());

    public TestDatabase Database => database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<StaffDesk> CreateAsync(TestDatabase database, bool withWorkers = true)
    {
        await database.InitializeAsync();
        var desk = new StaffDesk(database);
        await desk.AddStaffAsync(StaffMember.Create(WaterDispatcher, "水电调度", "9001", StaffRole.Dispatcher, WaterTeam));
        if (withWorkers)
        {
            await desk.AddStaffAsync(
                StaffMember.Create(Wang, "王师傅", "1001", StaffRole.Worker, WaterTeam),
                StaffMember.Create(Zhao, "赵师傅", "1002", StaffRole.Worker, WaterTeam),
                StaffMember.Create(NetLi, "李工", "2001", StaffRole.Worker, NetTeam));
        }

        return desk;
    }

    public async Task AddStaffAsync(params StaffMember[] members)
    {
        await using var db = database.CreateContext();
        db.StaffMembers.AddRange(members);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>A report by a student; each call a new request key, one minute later than the last.</summary>
    public async Task<OpenRepairTicketResult> ReportAsync(
        string room = "302", string category = "WATER-TAP", string location = "E-D01", string student = "o-student-0001")
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        var command = new OpenRepairTicketCommand(
            student, ReferenceDataSeed.CategoryId(category), ReferenceDataSeed.LocationId(location), room is "" ? null : $"{location} {room}",
            "坏了，麻烦来看看", [], null, Guid.NewGuid().ToString("N"));
        await using var db = database.CreateContext();
        return await new OpenRepairTicketCommandHandler(db, Cache, Clock).Handle(command, Ct);
    }

    public async Task<StaffTicketChangedResult> SendAsync(ICommand<StaffTicketChangedResult> command)
    {
        await using var db = database.CreateContext();
        return command switch
        {
            AssignTicketCommand assign => await new AssignTicketCommandHandler(db, Clock).Handle(assign, Ct),
            ReassignTicketCommand reassign => await new AssignTicketCommandHandler(db, Clock).Handle(reassign, Ct),
            AcceptTicketCommand accept => await new WorkerActionsHandler(db, Clock).Handle(accept, Ct),
            StartTicketCommand start => await new WorkerActionsHandler(db, Clock).Handle(start, Ct),
            ResolveTicketCommand resolve => await new WorkerActionsHandler(db, Clock).Handle(resolve, Ct),
            RefuseTicketCommand refuse => await new WorkerActionsHandler(db, Clock).Handle(refuse, Ct),
            RejectTicketCommand reject => await new RejectTicketCommandHandler(db, Clock).Handle(reject, Ct),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
    }

    public async Task<StaffTicketPage> QueueAsync(ListTicketQueueQuery query)
    {
        await using var db = database.CreateContext();
        return await new ListTicketQueueQueryHandler(db, Cache, Clock).Handle(query, Ct);
    }

    public async Task<StaffTicketPage> MineAsync(string who, bool includeClosed = false)
    {
        await using var db = database.CreateContext();
        return await new WorkQueuesHandler(db, Cache, Clock).Handle(new ListMyTicketsQuery(who, includeClosed), Ct);
    }

    public async Task<StaffTicketPage> UnassignedAsync(string who)
    {
        await using var db = database.CreateContext();
        return await new WorkQueuesHandler(db, Cache, Clock).Handle(new ListUnassignedQuery(who), Ct);
    }

    public async Task<StaffTicketDetails> DetailsAsync(string who, string ticket)
    {
        await using var db = database.CreateContext();
        return await new GetStaffTicketQueryHandler(db, Cache, Clock).Handle(new GetStaffTicketQuery(who, ticket), Ct);
    }

    public async Task<RepairTicket> LoadAsync(Guid id)
    {
        await using var db = database.CreateContext();
        return await db.RepairTickets.AsNoTracking().Include(t => t.Timeline).SingleAsync(t => t.Id == id, Ct);
    }

    /// <summary>
    /// An admin edit through its handler, sharing the desk's cache like the handlers of one instance: reference data
    /// edited behind the handlers' back (<see cref="ChangeAsync{T}"/>) stays cached for a minute.
    /// </summary>
    public async Task<T> AdminAsync<T>(Func<AppDbContext, IMemoryCache, ValueTask<T>> handle)
    {
        await using var db = database.CreateContext();
        return await handle(db, Cache);
    }

    public async Task ChangeAsync<T>(Func<AppDbContext, Task<T>> change)
    {
        await using var db = database.CreateContext();
        await change(db);
        await db.SaveChangesAsync(Ct);
    }
}
