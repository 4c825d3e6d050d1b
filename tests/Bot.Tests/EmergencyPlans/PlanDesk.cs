using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Sla;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Audience;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Incidents;

namespace WechatLogistics.Bot.Tests.EmergencyPlans;

/// <summary>
/// The SLA tests' desk (the Bot's services over one real database, fake clock, no background services) with the
/// people of a plan: two 水电班 workers, a 网络组 worker, a 水电班 dispatcher, a campus dispatcher, the seeded admin.
/// </summary>
internal static class PlanDesk
{
    public const string Wang = "wang";
    public const string Zhao = "zhao";
    public const string NetLi = "net.li";
    public const string WaterDispatcher = "disp.water";
    public const string CampusDispatcher = "disp.all";
    public const string Admin = "demo-staff";

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<StaffDesk> CreateAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var desk = await StaffDesk.CreateAsync(provider, Start, settings);
        await using var db = desk.Database.CreateContext();
        var water = ReferenceDataSeed.TeamId("WATER-ELEC");
        db.StaffMembers.AddRange(
            StaffMember.Create(Wang, "王师傅", "1001", StaffRole.Worker, water),
            StaffMember.Create(Zhao, "赵师傅", "1002", StaffRole.Worker, water),
            StaffMember.Create(NetLi, "李工", "2001", StaffRole.Worker, ReferenceDataSeed.TeamId("NETWORK")),
            StaffMember.Create(WaterDispatcher, "水电调度", "9001", StaffRole.Dispatcher, water),
            StaffMember.Create(CampusDispatcher, "总调度", "9000", StaffRole.Dispatcher, null));
        await db.SaveChangesAsync(Ct);
        return desk;
    }

    /// <summary>Three reports of <paramref name="category"/> in <paramref name="building"/> within minutes: the incident they open.</summary>
    public static async Task<Guid> IncidentAsync(StaffDesk desk, string category = "WATER-LEAK", string building = "E-D01", string reporterPrefix = "o-e1-")
    {
        Guid? incident = null;
        for (var i = 0; i < 3; i++)
        {
            var ticket = await desk.OpenAsync(category, building, reporterPrefix + i, desk.Clock.GetUtcNow().AddMinutes(1));
            incident = await desk.SendAsync(new DetectIncidentCommand(ticket)) ?? incident;
        }

        return incident ?? throw new InvalidOperationException("No incident opened.");
    }

    public static async Task BindDormAsync(StaffDesk desk, string openId, string building)
    {
        await using var db = desk.Database.CreateContext();
        db.DormBindings.Add(DormBinding.Bind(openId, ReferenceDataSeed.LocationId(building), "101", Start));
        await db.SaveChangesAsync(Ct);
    }
}
