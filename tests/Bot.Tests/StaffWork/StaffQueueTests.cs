using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Bot.Tests.StaffWork;

/// <summary>The queue's filters and paging, and what each role sees in it.</summary>
public sealed class StaffQueueTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Queue_FiltersCombine_AndPagesCountTheTotal(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        var tap = await desk.ReportAsync("301");                                  // wang
        var light = await desk.ReportAsync("302", "ELEC-LIGHT");                  // zhao
        var leak = await desk.ReportAsync("303", "WATER-LEAK", "W-D01");          // wang, urgent: 2 h to respond
        var net = await desk.ReportAsync("304", "NET-DOWN", "E-D01-F2");          // net.li
        await desk.SendAsync(new AcceptTicketCommand(StaffDesk.Wang, tap.Number));
        desk.Clock.Advance(TimeSpan.FromHours(3));                                // only the leak's response is now late

        var all = await desk.QueueAsync(new ListTicketQueueQuery(StaffDesk.Admin, PageSize: 3));
        var second = await desk.QueueAsync(new ListTicketQueueQuery(StaffDesk.Admin, Page: 2, PageSize: 3));
        var water = await desk.QueueAsync(new ListTicketQueueQuery(StaffDesk.Admin, CategoryId: ReferenceDataSeed.CategoryId("WATER")));
        var eastDorm = await desk.QueueAsync(new ListTicketQueueQuery(StaffDesk.Admin, BuildingId: ReferenceDataSeed.LocationId("E-D01")));
        var assignedToWang = await desk.QueueAsync(new ListTicketQueueQuery(StaffDesk.Admin, Status: TicketStatus.Assigned, AssigneeId: StaffDesk.Wang));
        var netTeam = await desk.QueueAsync(new ListTicketQueueQuery(StaffDesk.Admin, TeamId: StaffDesk.NetTeam));
        var overdue = await desk.QueueAsync(new ListTicketQueueQuery(StaffDesk.Admin, Overdue: true));

        Assert.Equal((4, 4), (all.Total, second.Total));
        Assert.Equal([net.Number, leak.Number, light.Number], all.Items.Select(i => i.Number));
        Assert.Equal([tap.Number], second.Items.Select(i => i.Number));
        Assert.Equal([leak.Number, tap.Number], water.Items.Select(i => i.Number));
        Assert.Equal([net.Number, light.Number, tap.Number], eastDorm.Items.Select(i => i.Number));
        Assert.Equal([leak.Number], assignedToWang.Items.Select(i => i.Number));
        Assert.Equal([net.Number], netTeam.Items.Select(i => i.Number));
        Assert.Equal([leak.Number], overdue.Items.Select(i => i.Number));
        Assert.True(overdue.Items[0].Overdue);
        Assert.Equal(("水 / 水管漏水", "W-D01 303", "水电班", "王师傅"),
            (overdue.Items[0].Category, overdue.Items[0].Place, overdue.Items[0].TeamName, overdue.Items[0].AssigneeName));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Queue_ShowsEachRoleItsScope(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        var tap = await desk.ReportAsync("301");
        var net = await desk.ReportAsync("304", "NET-DOWN");

        async Task<string[]> SeenBy(string who) =>
            [.. (await desk.QueueAsync(new ListTicketQueueQuery(who))).Items.Select(i => i.Number).Order()];

        Assert.Equal([tap.Number], await SeenBy(StaffDesk.Zhao));
        Assert.Equal([tap.Number], await SeenBy(StaffDesk.WaterDispatcher));
        Assert.Equal([net.Number], await SeenBy(StaffDesk.NetLi));
        Assert.Equal(new[] { tap.Number, net.Number }.Order(), await SeenBy(StaffDesk.Admin));
        Assert.Equal([tap.Number], (await desk.MineAsync(StaffDesk.Wang)).Items.Select(i => i.Number));
        Assert.Empty((await desk.MineAsync(StaffDesk.Zhao)).Items);
    }
}
