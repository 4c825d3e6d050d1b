using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.StaffWork;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Assets;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Handlers.Assets;

namespace WechatLogistics.Bot.Tests.Assets;

/// <summary>Reports that name an asset: the link, the place, routing to the responsible team, history and recurring faults.</summary>
public sealed class AssetReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<StaffDesk> DeskWithAssetsAsync(TestDatabase database)
    {
        var desk = await StaffDesk.CreateAsync(database);
        var imported = await desk.ImportAsync(AssetFiles.Csv(
        [
            "NET-AC-1,空调,E-D01-F3,网络组,,2024-01-01,3000,in-use",
            "PERSON-1,热水器,E-D01-F3,,wang,2024-01-01,1500,in-use",
            "OLD-1,热水器,E-D02,水电班,,2015-01-01,900,retired",
        ]));
        Assert.Equal(3, imported.Imported);
        return desk;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AReportByAssetCode_IsFiledAtTheAsset_AndGoesToItsTeamBeforeTheRoutingRules(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await DeskWithAssetsAsync(database);

        // WATER-TAP's routing rule says 水电班; the asset's responsible team (网络组) wins.
        var byTeam = await desk.LoadAsync((await desk.ReportAssetAsync("net-ac-1")).TicketId);
        // An asset with only a responsible person: the routing rules decide, as for any report.
        var byRule = await desk.LoadAsync((await desk.ReportAssetAsync("PERSON-1")).TicketId);

        await using var db = database.CreateContext();
        var asset = await db.Assets.AsNoTracking().SingleAsync(a => a.Code == "NET-AC-1", Ct);
        Assert.Equal((asset.Id, ReferenceDataSeed.LocationId("E-D01-F3"), StaffDesk.NetTeam, StaffDesk.NetLi),
            (byTeam.AssetId, byTeam.LocationId, byTeam.TeamId, byTeam.AssigneeId));
        Assert.Equal(AssetStatus.UnderRepair, asset.Status);
        Assert.Equal(StaffDesk.WaterTeam, byRule.TeamId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnUnknownOrRetiredAsset_IsAFriendlyError_AndOpensNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await DeskWithAssetsAsync(database);

        var unknown = await Assert.ThrowsAsync<DomainException>(async () => await desk.ReportAssetAsync("NOPE-9"));
        var retired = await Assert.ThrowsAsync<DomainException>(async () => await desk.ReportAssetAsync("OLD-1"));

        Assert.Equal(("asset.not_found", "没有找到编号为“NOPE-9”的设备，请核对设备上的编号，或直接描述报修地点。"), (unknown.Code, unknown.Message));
        Assert.Equal("asset.retired", retired.Code);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.RepairTickets.CountAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheThirdFaultWithin90Days_FlagsTheTicketAndTheAsset_ADuplicateDoesNotCount(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var desk = await DeskWithAssetsAsync(database);

        var first = await desk.ReportAssetAsync("NET-AC-1", "WATER-TAP");
        var repeat = await desk.ReportAssetAsync("NET-AC-1", "WATER-TAP", student: "o-student-0002");
        var second = await desk.ReportAssetAsync("NET-AC-1", "ELEC-LIGHT");
        var flaggedBefore = await desk.AssetQueryAsync(new ListRecurringFaultAssetsQuery(StaffDesk.WaterDispatcher));
        var third = await desk.ReportAssetAsync("NET-AC-1", "ELEC-SOCKET");
        var flagged = await desk.AssetQueryAsync(new ListRecurringFaultAssetsQuery(StaffDesk.WaterDispatcher));
        var history = await desk.AssetQueryAsync(new GetAssetHistoryQuery(StaffDesk.Admin, "net-ac-1"));
        desk.Clock.Advance(TimeSpan.FromDays(91));
        var later = await desk.ReportAssetAsync("NET-AC-1", "ELEC-TRIP");
        var flaggedLater = await desk.AssetQueryAsync(new ListRecurringFaultAssetsQuery(StaffDesk.WaterDispatcher));

        Assert.Equal(first.Number, repeat.DuplicateOfNumber);
        Assert.Equal([false, false, false, true, false], new[] { first, repeat, second, third, later }.Select(r => r.RecurringFault));
        Assert.Empty(flaggedBefore.Items);
        var item = Assert.Single(flagged.Items);
        Assert.Equal(("NET-AC-1", 3, "网络组"), (item.Asset.Code, item.Reports, item.Asset.ResponsibleTeamName));
        Assert.Equal([third.Number, second.Number, repeat.Number, first.Number], history.Tickets.Select(t => t.Number));
        Assert.Equal((3, true, true), (history.RecentReports, history.RecurringFault, history.Tickets[0].RecurringFault));
        Assert.Empty(flaggedLater.Items);
    }
}
