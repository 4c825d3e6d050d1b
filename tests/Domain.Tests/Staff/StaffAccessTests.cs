using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Domain.Tests.RepairTickets;

namespace WechatLogistics.Domain.Tests.Staff;

public sealed class StaffAccessTests
{
    private static readonly Guid WaterTeam = Guid.Parse("0199a0c0-0000-7000-8000-00000000a001");
    private static readonly Guid NetTeam = Guid.Parse("0199a0c0-0000-7000-8000-00000000a002");

    private static readonly StaffMember Worker = StaffMember.Create(Tickets.Worker, "李师傅", "1001", StaffRole.Worker, WaterTeam);
    private static readonly StaffMember NetWorker = StaffMember.Create("w-net", "网络王", "2001", StaffRole.Worker, NetTeam);
    private static readonly StaffMember WaterDispatcher = StaffMember.Create("d-water", "水电调度", "9001", StaffRole.Dispatcher, WaterTeam);
    private static readonly StaffMember CampusDispatcher = StaffMember.Create("d-all", "总调度", "9000", StaffRole.Dispatcher, null);
    private static readonly StaffMember Admin = StaffMember.Create("admin", "管理员", "0001", StaffRole.Admin, null);

    [Theory]
    [InlineData("worker", "water", true)]
    [InlineData("worker", "net", false)]
    [InlineData("worker", "none", false)]
    [InlineData("networker", "water", false)]
    [InlineData("water-dispatcher", "water", true)]
    [InlineData("water-dispatcher", "net", false)]
    [InlineData("water-dispatcher", "none", true)]
    [InlineData("campus-dispatcher", "net", true)]
    [InlineData("admin", "net", true)]
    public void Covers_ByRoleAndTeam(string who, string team, bool covered)
    {
        var ticket = Routed(team);

        Assert.Equal(covered, Member(who).Covers(ticket));
        if (!covered)
        {
            Assert.Equal("staff.forbidden", Assert.Throws<DomainException>(() => Member(who).EnsureCanSee(ticket)).Code);
        }
    }

    [Fact]
    public void Covers_ATicketAssignedToTheWorker_EvenFromAnotherTeam()
    {
        var ticket = Routed("net");
        ticket.Assign(Worker.UserId, Tickets.Dispatcher, Tickets.T0.AddMinutes(1));

        Assert.True(Worker.Covers(ticket));
    }

    [Fact]
    public void Workers_CannotDispatch_AndTeamDispatchersAssignWithinTheirTeam()
    {
        var ticket = Routed("water");

        Assert.Equal("staff.forbidden", Assert.Throws<DomainException>(() => Worker.EnsureCanDispatch(ticket)).Code);
        WaterDispatcher.EnsureCanDispatch(ticket);
        WaterDispatcher.EnsureCanAssignTo(Worker);
        Assert.Equal("staff.forbidden", Assert.Throws<DomainException>(() => WaterDispatcher.EnsureCanAssignTo(NetWorker)).Code);
        CampusDispatcher.EnsureCanAssignTo(NetWorker);
        Assert.Equal("staff.invalid", Assert.Throws<DomainException>(() => Admin.EnsureCanAssignTo(Admin)).Code);
    }

    [Fact]
    public void Deactivated_CannotSeeAnything()
    {
        var gone = StaffMember.Create("gone", "离职", "1999", StaffRole.Admin, null);
        gone.Deactivate();

        Assert.Equal("staff.forbidden", Assert.Throws<DomainException>(() => gone.EnsureCanSee(Routed("water"))).Code);
    }

    [Fact]
    public void AWorker_NeedsATeam()
    {
        Assert.Equal("staff.invalid", Assert.Throws<DomainException>(() => StaffMember.Create("x", "某", "1", StaffRole.Worker, null)).Code);
    }

    [Fact]
    public void SameFault_IsSameCategoryLocationAndNormalisedRoom()
    {
        var first = Tickets.Open(locationText: "东区1号楼 302");
        var again = Tickets.Open(locationText: " 东区１号楼302 ");
        var neighbour = Tickets.Open(locationText: "东区1号楼 303");

        Assert.True(again.IsSameFaultAs(first));
        Assert.False(neighbour.IsSameFaultAs(first));
        again.MarkDuplicateOf(first);
        Assert.Equal(first.Id, again.DuplicateOfId);
        Assert.Equal("ticket.not_duplicate", Assert.Throws<DomainException>(() => neighbour.MarkDuplicateOf(first)).Code);
    }

    private static RepairTicket Routed(string team)
    {
        var ticket = Tickets.Open();
        if (team != "none")
        {
            ticket.RouteTo(team == "water" ? WaterTeam : NetTeam);
        }

        return ticket;
    }

    private static StaffMember Member(string who) => who switch
    {
        "worker" => Worker,
        "networker" => NetWorker,
        "water-dispatcher" => WaterDispatcher,
        "campus-dispatcher" => CampusDispatcher,
        _ => Admin,
    };
}
