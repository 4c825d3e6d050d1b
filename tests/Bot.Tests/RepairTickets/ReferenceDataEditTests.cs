using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.StaffAdmin;

namespace WechatLogistics.Bot.Tests.RepairTickets;

/// <summary>
/// New reports read categories and places from the instance's one-minute cache: an admin edit on the same instance
/// reaches the next report at once, an edit behind the handlers' back (another instance) only when the minute is up.
/// </summary>
public sealed class ReferenceDataEditTests
{
    private const string Admin = "demo-staff";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AdminRetiresACategoryThenABuilding_TheNextReportOnTheSameInstanceIsRefused(DatabaseProvider provider)
    {
        await using var database = await OpenRepairTicketTests.ReadyAsync(provider);
        var desk = new TicketDesk(database);
        var before = await desk.OpenAsync(TicketDesk.Report("k1"));

        await using (var db = database.CreateContext())
        {
            await new CategoriesHandler(db, desk.Cache).Handle(
                new UpdateCategoryCommand(Admin, ReferenceDataSeed.CategoryId("WATER-TAP"), "水龙头", Priority.Normal, IsActive: false), Ct);
        }

        var retiredCategory = await Assert.ThrowsAsync<DomainException>(() => desk.OpenAsync(TicketDesk.Report("k2")));
        await using (var db = database.CreateContext())
        {
            await new LocationsHandler(db, desk.Cache).Handle(
                new UpdateLocationCommand(Admin, ReferenceDataSeed.LocationId("E-D01"), "东区学生公寓1号楼", IsActive: false), Ct);
        }

        var retiredPlace = await Assert.ThrowsAsync<DomainException>(() => desk.OpenAsync(TicketDesk.Report("k3", category: "WATER-LEAK")));
        var elsewhere = await desk.OpenAsync(TicketDesk.Report("k4", category: "WATER-LEAK") with { LocationId = ReferenceDataSeed.LocationId("E-D02") });

        Assert.Equal(("ticket.invalid", "没有找到这个报修类别，请重新选择。"), (retiredCategory.Code, retiredCategory.Message));
        Assert.Equal(("ticket.invalid", "没有找到这个报修地点，请重新选择。"), (retiredPlace.Code, retiredPlace.Message));
        Assert.Equal(("R20260303-0001", "R20260303-0002"), (before.Number, elsewhere.Number));
        Assert.Equal(2, await desk.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AdminAddsSubCategories_TheirTradeIsNoLongerALeaf_ForTheNextReport(DatabaseProvider provider)
    {
        await using var database = await OpenRepairTicketTests.ReadyAsync(provider);
        var desk = new TicketDesk(database);
        var other = await desk.OpenAsync(TicketDesk.Report("k1", category: "OTHER"));

        await using (var db = database.CreateContext())
        {
            await new CategoriesHandler(db, desk.Cache).Handle(
                new CreateCategoryCommand(Admin, ReferenceDataSeed.CategoryId("OTHER"), "墙面", "OTHER-WALL", Priority.Low), Ct);
        }

        var error = await Assert.ThrowsAsync<DomainException>(() => desk.OpenAsync(TicketDesk.Report("k2", category: "OTHER")));

        Assert.Equal(Priority.Low, other.Priority);
        Assert.Equal("请选择具体的报修类别。", error.Message);
    }

    [Fact]
    public async Task ACategoryRetiredBehindTheHandlersBack_IsStillAcceptedFromTheCache_UntilItIsForgotten()
    {
        await using var database = await OpenRepairTicketTests.ReadyAsync(DatabaseProvider.Sqlite);
        var desk = new TicketDesk(database);
        await desk.OpenAsync(TicketDesk.Report("k1"));
        await using (var db = database.CreateContext())
        {
            // As another instance's admin edit looks from here: the table changes, this instance's cache does not.
            (await db.RepairCategories.FindAsync([ReferenceDataSeed.CategoryId("WATER-TAP")], Ct))!.Deactivate();
            await db.SaveChangesAsync(Ct);
        }

        var withinTheMinute = await desk.OpenAsync(TicketDesk.Report("k2"));
        desk.Cache.Compact(1.0); // the minute is up: every entry gone
        var error = await Assert.ThrowsAsync<DomainException>(() => desk.OpenAsync(TicketDesk.Report("k3")));

        Assert.Equal("R20260303-0002", withinTheMinute.Number);
        Assert.Equal("没有找到这个报修类别，请重新选择。", error.Message);
    }
}
