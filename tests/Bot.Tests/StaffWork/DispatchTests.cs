using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.RepairTickets;
using WechatLogistics.Handlers.StaffAdmin;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Bot.Tests.StaffWork;

/// <summary>What happens to a new report: routing by the rules, least-load assignment, the queue, duplicates.</summary>
public sealed class DispatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task NewReports_GoToTheLeastLoadedWorkerOfTheRoutedTeam_TiesByEmployeeNumber(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);

        var first = await desk.LoadAsync((await desk.ReportAsync("301")).TicketId);
        var second = await desk.LoadAsync((await desk.ReportAsync("302", "ELEC-LIGHT")).TicketId);
        var third = await desk.LoadAsync((await desk.ReportAsync("303")).TicketId);
        await desk.SendAsync(new AcceptTicketCommand(StaffDesk.Wang, third.Number.ToString()));
        await desk.SendAsync(new StartTicketCommand(StaffDesk.Wang, third.Number.ToString()));
        await desk.SendAsync(new ResolveTicketCommand(StaffDesk.Wang, third.Number.ToString(), null));
        var fourth = await desk.LoadAsync((await desk.ReportAsync("304")).TicketId);

        // 0:0 → 1001; 1:0 → 1002; 1:1 → 1001; then wang's resolved ticket no longer counts (1:1 → 1001 again).
        Assert.Equal([StaffDesk.Wang, StaffDesk.Zhao, StaffDesk.Wang, StaffDesk.Wang], new[] { first, second, third, fourth }.Select(t => t.AssigneeId));
        Assert.All([first, second, fourth], t => Assert.Equal((TicketStatus.Assigned, StaffDesk.WaterTeam), (t.Status, t.TeamId)));
        var assigned = first.Timeline.Single(e => e.Action == TicketTimelineAction.Assigned);
        Assert.Equal((ActorKind.System, StaffDesk.Wang), (assigned.ActorKind, assigned.AssigneeId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ABuildingAndCategoryRule_BeatsTheCategoryRule_ForRoomsOnTheBuildingsFloors(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        await desk.ChangeAsync(db => Task.FromResult(db.RoutingRules.Add(
            RoutingRule.Create(ReferenceDataSeed.LocationId("E-D01"), ReferenceDataSeed.CategoryId("WATER-TAP"), StaffDesk.NetTeam))));

        var onAFloor = await desk.LoadAsync((await desk.ReportAsync("301", location: "E-D01-F3")).TicketId);
        var otherBuilding = await desk.LoadAsync((await desk.ReportAsync("301", location: "W-D01")).TicketId);
        var otherLeaf = await desk.LoadAsync((await desk.ReportAsync("305", "WATER-LEAK", "E-D01")).TicketId);

        Assert.Equal((StaffDesk.NetTeam, StaffDesk.NetLi), (onAFloor.TeamId, onAFloor.AssigneeId));
        Assert.Equal(StaffDesk.WaterTeam, otherBuilding.TeamId);
        Assert.Equal(StaffDesk.WaterTeam, otherLeaf.TeamId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task NoWorkerInTheTeam_OrNoRule_TheTicketWaitsInTheQueue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database, withWorkers: false);
        var routed = await desk.LoadAsync((await desk.ReportAsync("301")).TicketId);
        // Through the admin handler, after the rules were cached by the first report: the next report sees the edit.
        await desk.AdminAsync((db, cache) => new RoutingRulesHandler(db, cache).Handle(
            new UpdateRoutingRuleCommand(StaffDesk.Admin, ReferenceDataSeed.RoutingRuleId("default"), ReferenceDataSeed.TeamId(ReferenceDataSeed.GeneralTeam), IsActive: false), Ct));
        var unrouted = await desk.LoadAsync((await desk.ReportAsync("", "OTHER", "E-LIB")).TicketId);

        Assert.Equal((TicketStatus.Submitted, StaffDesk.WaterTeam, null), (routed.Status, routed.TeamId, routed.AssigneeId));
        Assert.Equal((TicketStatus.Submitted, null, null), (unrouted.Status, unrouted.TeamId, unrouted.AssigneeId));
        var queue = await desk.UnassignedAsync(StaffDesk.WaterDispatcher);
        Assert.Equal([routed.Number.ToString(), unrouted.Number.ToString()], queue.Items.Select(i => i.Number));
        Assert.Equal(("水电班", null), (queue.Items[0].TeamName, queue.Items[1].TeamName));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ATeamDeactivatedByTheAdmin_NoLongerGetsTheNextReport_TheDefaultRuleTakesIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        var before = await desk.LoadAsync((await desk.ReportAsync("301")).TicketId);

        await desk.AdminAsync((db, cache) => new TeamsHandler(db, cache).Handle(
            new UpdateTeamCommand(StaffDesk.Admin, StaffDesk.WaterTeam, "水电班", IsActive: false), Ct));
        var after = await desk.LoadAsync((await desk.ReportAsync("302")).TicketId);

        Assert.Equal((StaffDesk.WaterTeam, StaffDesk.Wang), (before.TeamId, before.AssigneeId));
        Assert.Equal((ReferenceDataSeed.TeamId(ReferenceDataSeed.GeneralTeam), null), (after.TeamId, after.AssigneeId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ASecondReportOfTheSameFault_IsLinked_AndGoesToTheSameWorker(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        var original = await desk.ReportAsync("302");

        var again = await desk.ReportAsync("302 ", student: "o-student-0002");
        var neighbour = await desk.ReportAsync("303", student: "o-student-0003");
        var otherFault = await desk.ReportAsync("302", "ELEC-LIGHT", student: "o-student-0004");

        Assert.Equal(original.Number, again.DuplicateOfNumber);
        Assert.Null(neighbour.DuplicateOfNumber);
        Assert.Null(otherFault.DuplicateOfNumber);
        var linked = await desk.LoadAsync(again.TicketId);
        Assert.Equal((original.TicketId, StaffDesk.Wang, TicketStatus.Assigned), (linked.DuplicateOfId, linked.AssigneeId, linked.Status));
        // The neighbour's room is another place: routed as usual, to the less loaded worker (wang holds two now).
        Assert.Equal(StaffDesk.Zhao, (await desk.LoadAsync(neighbour.TicketId)).AssigneeId);
        var details = await desk.DetailsAsync(StaffDesk.WaterDispatcher, original.Number);
        Assert.Equal([again.Number], details.Duplicates.Select(d => d.Number));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AReportAfterTheFirstWasResolved_IsANewTicket(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        var original = await desk.ReportAsync("302");
        await desk.SendAsync(new AcceptTicketCommand(StaffDesk.Wang, original.Number));
        await desk.SendAsync(new StartTicketCommand(StaffDesk.Wang, original.Number));
        await desk.SendAsync(new ResolveTicketCommand(StaffDesk.Wang, original.Number, "换了阀芯"));

        var later = await desk.ReportAsync("302", student: "o-student-0002");

        Assert.Null(later.DuplicateOfNumber);
        Assert.Null((await desk.LoadAsync(later.TicketId)).DuplicateOfId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ARepeatIsLinked_HoweverManyRoomsOfTheBuildingHaveOpenReports(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        // A storm in one dorm: 80 rooms report the same fault, oldest first.
        var rooms = new List<OpenRepairTicketResult>();
        for (var room = 301; room <= 380; room++)
        {
            rooms.Add(await desk.ReportAsync($"{room}室", student: $"o-room-{room}"));
        }

        var again = await desk.ReportAsync("三七五室", student: "o-student-0002");
        var third = await desk.ReportAsync("375 室", student: "o-student-0003");
        var newRoom = await desk.ReportAsync("381室", student: "o-student-0004");

        // Room 375's report is the 75th open one of its category in the building: it still is the original.
        Assert.All(rooms, r => Assert.Null(r.DuplicateOfNumber));
        Assert.Equal(rooms[74].Number, again.DuplicateOfNumber);
        // A third report joins the first, not the repeat.
        Assert.Equal(rooms[74].Number, third.DuplicateOfNumber);
        Assert.Equal(rooms[74].TicketId, (await desk.LoadAsync(third.TicketId)).DuplicateOfId);
        Assert.Null(newRoom.DuplicateOfNumber);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ReportsSavedBeforeTheRoomKey_GetItAtStart_AndRepeatsOfThemAreLinked(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await StaffDesk.CreateAsync(database);
        var old = await desk.ReportAsync("302");
        var noRoom = await desk.ReportAsync("", student: "o-student-0005");
        await using (var db = database.CreateContext())
        {
            // As they stood before the key existed.
            Assert.Equal(2, await db.RepairTickets.Where(t => t.PlaceKey != null).ExecuteUpdateAsync(set => set.SetProperty(t => t.PlaceKey, (string?)null), Ct));
        }

        var beforeBackfill = await desk.ReportAsync("302", student: "o-student-0002");
        await database.InitializeAsync(desk.Clock.GetUtcNow());
        await database.InitializeAsync(desk.Clock.GetUtcNow());
        var afterBackfill = await desk.ReportAsync("三零二", student: "o-student-0003");
        var noRoomAgain = await desk.ReportAsync("", student: "o-student-0006");

        // Unkeyed, the old report could not be found; keyed at start, it is the original again.
        Assert.Null(beforeBackfill.DuplicateOfNumber);
        Assert.Equal(old.Number, afterBackfill.DuplicateOfNumber);
        Assert.Equal(noRoom.Number, noRoomAgain.DuplicateOfNumber);
        await using (var db = database.CreateContext())
        {
            var keys = await db.RepairTickets.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.PlaceKey, Ct);
            Assert.Equal(("e-d01302", ""), (keys[old.TicketId], keys[noRoom.TicketId]));
            Assert.DoesNotContain(null, keys.Values);
        }
    }
}
