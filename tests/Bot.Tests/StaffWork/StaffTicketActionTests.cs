using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Bot.Tests.StaffWork;

/// <summary>The staff commands as the API and the WeCom chat send them: by number, actor = WeCom UserId.</summary>
public sealed class StaffTicketActionTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Worker_AcceptsStartsResolves_WithChatReadyMessages(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        var number = (await desk.ReportAsync()).Number;

        var accepted = await desk.SendAsync(new AcceptTicketCommand(StaffDesk.Wang, number));
        var started = await desk.SendAsync(new StartTicketCommand(StaffDesk.Wang, number));
        var resolved = await desk.SendAsync(new ResolveTicketCommand(StaffDesk.Wang, number, "换了阀芯"));

        Assert.Equal((TicketStatus.Accepted, "王师傅"), (accepted.Status, accepted.AssigneeName));
        Assert.Equal($"已接单 {number}，到场后回复“开始 {number}”。", accepted.Message);
        Assert.Equal(TicketStatus.InProgress, started.Status);
        Assert.Equal((TicketStatus.Resolved, "待确认"), (resolved.Status, resolved.StatusName));
        var ticket = await desk.LoadAsync(accepted.TicketId);
        Assert.Equal("换了阀芯", ticket.Timeline.Single(e => e.Action == TicketTimelineAction.Resolved).Note);
        Assert.NotNull(ticket.FirstResponseAt);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Refuse_ReturnsToTheQueue_ThenTheDispatcherAssignsBy工号_AndReassigns(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        var number = (await desk.ReportAsync()).Number;

        var refused = await desk.SendAsync(new RefuseTicketCommand(StaffDesk.Wang, number, "今天请假"));
        var assigned = await desk.SendAsync(new AssignTicketCommand(StaffDesk.WaterDispatcher, number, "1002"));
        var reassigned = await desk.SendAsync(new ReassignTicketCommand(StaffDesk.WaterDispatcher, number, StaffDesk.Wang));

        Assert.Equal((TicketStatus.Submitted, null), (refused.Status, refused.AssigneeId));
        Assert.Equal((TicketStatus.Assigned, StaffDesk.Zhao), (assigned.Status, assigned.AssigneeId));
        Assert.Equal($"已将报修单 {number} 转派给 王师傅（1001）。", reassigned.Message);
        var ticket = await desk.LoadAsync(assigned.TicketId);
        var byDispatcher = ticket.Timeline.Where(e => e.ActorId == StaffDesk.WaterDispatcher).Select(e => (e.ActorKind, e.AssigneeId));
        Assert.Equal([(ActorKind.Staff, StaffDesk.Zhao), (ActorKind.Staff, StaffDesk.Wang)], byDispatcher);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WrongState_IsAnInvalidTransition_AndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        var number = (await desk.ReportAsync()).Number;
        await desk.SendAsync(new AcceptTicketCommand(StaffDesk.Wang, number));

        var errors = new[]
        {
            await ErrorAsync(desk, new ResolveTicketCommand(StaffDesk.Wang, number, null)),
            await ErrorAsync(desk, new AcceptTicketCommand(StaffDesk.Wang, number)),
            await ErrorAsync(desk, new RefuseTicketCommand(StaffDesk.Wang, number, "不想修")),
            await ErrorAsync(desk, new ReassignTicketCommand(StaffDesk.WaterDispatcher, number, "1002")),
        };

        Assert.All(errors, e => Assert.Equal("ticket.invalid_transition", e.Code));
        Assert.Contains("已接单", errors[0].Message);
        var ticket = await desk.LoadAsync((await desk.DetailsAsync(StaffDesk.Admin, number)).Summary.Id);
        Assert.Equal((TicketStatus.Accepted, 3), (ticket.Status, ticket.Timeline.Count));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Authorization_TeamsAndRoles(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        var water = (await desk.ReportAsync()).Number;
        var net = (await desk.ReportAsync("302", "NET-DOWN")).Number;

        // A worker cannot touch or even read another team's ticket.
        Assert.Equal("staff.forbidden", (await ErrorAsync(desk, new AcceptTicketCommand(StaffDesk.NetLi, water))).Code);
        Assert.Equal("staff.forbidden", (await Assert.ThrowsAsync<DomainException>(() => desk.DetailsAsync(StaffDesk.NetLi, water))).Code);
        // A teammate is not the assignee.
        Assert.Equal("ticket.not_assignee", (await ErrorAsync(desk, new AcceptTicketCommand(StaffDesk.Zhao, water))).Code);
        // Workers cannot reject, assign or reassign.
        Assert.Equal("staff.forbidden", (await ErrorAsync(desk, new RejectTicketCommand(StaffDesk.Wang, water, "重复"))).Code);
        Assert.Equal("staff.forbidden", (await ErrorAsync(desk, new ReassignTicketCommand(StaffDesk.Wang, water, "1002"))).Code);
        Assert.Equal("staff.forbidden", (await ErrorAsync(desk, new AssignTicketCommand(StaffDesk.Wang, water, "1002"))).Code);
        // A team dispatcher neither acts on another team's ticket nor hands their own to another team.
        Assert.Equal("staff.forbidden", (await ErrorAsync(desk, new RejectTicketCommand(StaffDesk.WaterDispatcher, net, "重复"))).Code);
        Assert.Equal("staff.forbidden", (await ErrorAsync(desk, new ReassignTicketCommand(StaffDesk.WaterDispatcher, water, "2001"))).Code);
        // Someone who is no staff member at all.
        Assert.Equal("staff.forbidden", (await ErrorAsync(desk, new StartTicketCommand("o-student-0001", water))).Code);
        // The admin may do it all: hand the water ticket to the network worker, then reject the network one.
        Assert.Equal(StaffDesk.NetTeam, (await desk.LoadAsync((await desk.SendAsync(new ReassignTicketCommand(StaffDesk.Admin, water, "2001"))).TicketId)).TeamId);
        var rejected = await desk.SendAsync(new RejectTicketCommand(StaffDesk.Admin, net, "网络问题请联系信息中心"));
        Assert.Equal(TicketStatus.Rejected, rejected.Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AWorkerClaimsFromTheTeamQueue_WithOneAccept(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database, withWorkers: false);
        var number = (await desk.ReportAsync()).Number;
        await desk.AddStaffAsync(Domain.Staff.StaffMember.Create(StaffDesk.Wang, "王师傅", "1001", Domain.Staff.StaffRole.Worker, StaffDesk.WaterTeam));
        Assert.Equal([TicketAction.Accept], (await desk.DetailsAsync(StaffDesk.Wang, number)).Actions);

        var claimed = await desk.SendAsync(new AcceptTicketCommand(StaffDesk.Wang, number));

        Assert.Equal((TicketStatus.Accepted, StaffDesk.Wang), (claimed.Status, claimed.AssigneeId));
        Assert.Equal([number], (await desk.MineAsync(StaffDesk.Wang)).Items.Select(i => i.Number));
        Assert.Empty((await desk.UnassignedAsync(StaffDesk.WaterDispatcher)).Items);
    }

    private static async Task<DomainException> ErrorAsync(StaffDesk desk, Mediator.ICommand<StaffTicketChangedResult> command) =>
        await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(command));
}
