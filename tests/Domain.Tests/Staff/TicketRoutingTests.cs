using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Domain.Tests.Staff;

public sealed class TicketRoutingTests
{
    private static readonly Guid Dorm = Guid.Parse("0199a0c0-0000-7000-8000-00000000b001");
    private static readonly Guid Library = Guid.Parse("0199a0c0-0000-7000-8000-00000000b002");
    private static readonly Guid Water = Guid.Parse("0199a0c0-0000-7000-8000-00000000c001");
    private static readonly Guid Tap = Guid.Parse("0199a0c0-0000-7000-8000-00000000c002");
    private static readonly Guid Net = Guid.Parse("0199a0c0-0000-7000-8000-00000000c003");

    private static readonly Dictionary<string, RoutingRule> Rules = new()
    {
        ["default"] = Rule(null, null, "T-default"),
        ["dorm"] = Rule(Dorm, null, "T-dorm"),
        ["water"] = Rule(null, Water, "T-water"),
        ["tap"] = Rule(null, Tap, "T-tap"),
        ["dorm+water"] = Rule(Dorm, Water, "T-dorm-water"),
        ["dorm+tap"] = Rule(Dorm, Tap, "T-dorm-tap"),
    };

    [Theory]
    // building + category > category > building > default; the leaf beats its parent within a tier.
    [InlineData("default,dorm,water,tap,dorm+water,dorm+tap", "dorm", "tap", "dorm+tap")]
    [InlineData("default,dorm,water,tap,dorm+water", "dorm", "tap", "dorm+water")]
    [InlineData("default,dorm,water,tap", "dorm", "tap", "tap")]
    [InlineData("default,dorm,water", "dorm", "tap", "water")]
    [InlineData("default,dorm", "dorm", "tap", "dorm")]
    [InlineData("default", "dorm", "tap", "default")]
    [InlineData("default,dorm,dorm+tap", "library", "tap", "default")]
    [InlineData("default,dorm,water", "library", "net", "default")]
    [InlineData("dorm,water", "library", "net", null)]
    [InlineData("default,dorm,water,dorm+water", null, "tap", "water")]
    public void MostSpecific_PicksByPrecedence(string present, string? building, string category, string? expected)
    {
        var rules = present.Split(',').Select(name => Rules[name]).Reverse();
        var buildingId = building switch { "dorm" => Dorm, "library" => Library, _ => (Guid?)null };
        var (categoryId, parentId) = category switch { "tap" => (Tap, (Guid?)Water), _ => (Net, null) };

        var chosen = TicketRouting.MostSpecific(rules, buildingId, categoryId, parentId);

        Assert.Equal(expected is null ? null : Rules[expected].TeamId, chosen?.TeamId);
    }

    [Fact]
    public void MostSpecific_SkipsInactiveRules()
    {
        var tap = Rule(null, Tap, "T-tap-off");
        tap.Deactivate();

        var chosen = TicketRouting.MostSpecific([tap, Rules["water"]], Dorm, Tap, Water);

        Assert.Equal(Rules["water"].TeamId, chosen?.TeamId);
    }

    [Fact]
    public void LeastLoaded_FewestActiveTickets_TiesByEmployeeNumber_AndOnlyActiveWorkers()
    {
        var team = Guid.CreateVersion7();
        var a = StaffMember.Create("a", "甲", "1003", StaffRole.Worker, team);
        var b = StaffMember.Create("b", "乙", "1001", StaffRole.Worker, team);
        var c = StaffMember.Create("c", "丙", "1002", StaffRole.Worker, team);
        var off = StaffMember.Create("off", "丁", "1000", StaffRole.Worker, team);
        off.Deactivate();
        var dispatcher = StaffMember.Create("d", "戊", "0999", StaffRole.Dispatcher, team);
        StaffMember[] all = [a, b, c, off, dispatcher];

        Assert.Same(b, TicketRouting.LeastLoaded(all, new Dictionary<string, int>()));
        Assert.Same(c, TicketRouting.LeastLoaded(all, new Dictionary<string, int> { ["b"] = 1 }));
        Assert.Same(a, TicketRouting.LeastLoaded(all, new Dictionary<string, int> { ["b"] = 2, ["c"] = 1 }));
        Assert.Null(TicketRouting.LeastLoaded([off, dispatcher], new Dictionary<string, int>()));
    }

    private static RoutingRule Rule(Guid? building, Guid? category, string team) =>
        RoutingRule.Create(building, category, Domain.ReferenceData.DeterministicGuid.Create(team));
}
