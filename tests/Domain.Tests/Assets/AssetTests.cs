using WechatLogistics.Domain.Assets;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Tests.RepairTickets;

namespace WechatLogistics.Domain.Tests.Assets;

public sealed class AssetTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly Guid Room = Guid.Parse("0199a0c0-0000-7000-8000-00000000b001");
    private static readonly Guid Team = Guid.Parse("0199a0c0-0000-7000-8000-00000000a001");

    private static Asset NewAsset(string code = "ac-0001", AssetStatus status = AssetStatus.InUse) =>
        Asset.Create(code, "空调", Room, Team, null, new DateOnly(2024, 9, 1), 3200.50m, status, Today);

    [Fact]
    public void Create_NormalizesTheCode_AndKeepsTheFacts()
    {
        var asset = NewAsset(" ac-0001 ");

        Assert.Equal(("AC-0001", "空调", Room, Team, AssetStatus.InUse, 3200.50m), (asset.Code, asset.Kind, asset.LocationId, asset.ResponsibleTeamId, asset.Status, asset.Value));
    }

    [Theory]
    [InlineData("", "空调", 1.0, "2024-01-01", true, "asset.invalid")]
    [InlineData("AC 01", "空调", 1.0, "2024-01-01", true, "asset.invalid")]
    [InlineData("AC-000000000000000000000000000001", "空调", 1.0, "2024-01-01", true, "asset.invalid")]
    [InlineData("AC-01", " ", 1.0, "2024-01-01", true, "asset.invalid")]
    [InlineData("AC-01", "空调", -0.01, "2024-01-01", true, "asset.invalid")]
    [InlineData("AC-01", "空调", 1.001, "2024-01-01", true, "asset.invalid")]
    [InlineData("AC-01", "空调", 1.0, "2026-03-03", true, "asset.invalid")]
    [InlineData("AC-01", "空调", 1.0, "2024-01-01", false, "asset.invalid")]
    public void Create_RefusesBadFacts(string code, string kind, double value, string purchased, bool withTeam, string error)
    {
        var ex = Assert.Throws<DomainException>(() => Asset.Create(
            code, kind, Room, withTeam ? Team : null, null, DateOnly.Parse(purchased, System.Globalization.CultureInfo.InvariantCulture), (decimal)value, AssetStatus.InUse, Today));

        Assert.Equal(error, ex.Code);
    }

    [Fact]
    public void APersonAlone_IsEnoughResponsibility()
    {
        var asset = Asset.Create("PJ-1", "投影仪", Room, null, "wang", null, null, AssetStatus.InUse, Today);

        Assert.Equal((null, "wang"), (asset.ResponsibleTeamId, asset.ResponsibleUserId));
    }

    [Theory]
    [InlineData(AssetStatus.InUse, AssetStatus.UnderRepair)]
    [InlineData(AssetStatus.UnderRepair, AssetStatus.UnderRepair)]
    public void ReportFault_PutsTheAssetUnderRepair(AssetStatus before, AssetStatus after)
    {
        var asset = NewAsset(status: before);

        asset.ReportFault();

        Assert.Equal(after, asset.Status);
    }

    [Fact]
    public void ARetiredAsset_CannotBeReported_NorReturnedToService()
    {
        var asset = NewAsset(status: AssetStatus.Retired);

        Assert.Equal("asset.retired", Assert.Throws<DomainException>(asset.ReportFault).Code);
        Assert.Equal("asset.retired", Assert.Throws<DomainException>(asset.ReturnToService).Code);
        Assert.Equal(AssetStatus.Retired, asset.Status);
    }

    [Theory]
    [InlineData("asset:AC-0001", "AC-0001")]
    [InlineData("ASSET:ac-0001", "AC-0001")]
    [InlineData("https://hq.example.edu/a/AC-0001", "AC-0001")]
    [InlineData("https://hq.example.edu/wx/a/ac-0001?from=sheet", "AC-0001")]
    [InlineData("asset:", null)]
    [InlineData("asset:AC 1", null)]
    [InlineData("promo-2026", null)]
    [InlineData("https://hq.example.edu/news/1", null)]
    [InlineData(null, null)]
    public void ScannedText_ResolvesToTheAssetCode(string? scanned, string? code)
    {
        Assert.Equal(code, AssetScene.CodeIn(scanned));
    }

    [Fact]
    public void ThePayloads_RoundTrip()
    {
        Assert.Equal("AC-0001", AssetScene.CodeIn(AssetScene.SceneFor("AC-0001")));
        Assert.Equal("https://hq.example.edu/a/AC-0001", AssetScene.UrlFor("https://hq.example.edu/", "AC-0001"));
        Assert.Equal("AC-0001", AssetScene.CodeIn(AssetScene.UrlFor("https://hq.example.edu", "AC-0001")));
    }

    [Theory]
    [InlineData(new[] { 1, 30 }, true)]
    [InlineData(new[] { 30 }, false)]
    [InlineData(new[] { 1, 91 }, false)]
    [InlineData(new[] { 1, 2, 100 }, true)]
    public void RecurringFault_CountsTheReportsOfThePeriod_TheNewOneIncluded(int[] daysAgo, bool recurring)
    {
        var now = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

        Assert.Equal(recurring, RecurringFaultPolicy.Default.IsRecurring([now, .. daysAgo.Select(d => now.AddDays(-d))], now));
    }

    [Fact]
    public void ATicketAboutAnAsset_LinksIt_WhenFiledAtItsPlace()
    {
        var asset = NewAsset();
        var ticket = Tickets.Open(locationId: Room);

        ticket.Concerns(asset);
        ticket.FlagRecurringFault(RecurringFaultPolicy.Default, [ticket.OpenedAt.AddDays(-10), ticket.OpenedAt.AddDays(-20)]);

        Assert.Equal((asset.Id, true, AssetStatus.UnderRepair), (ticket.AssetId, ticket.RecurringFault, asset.Status));
    }

    [Fact]
    public void ATicketFiledElsewhere_CannotNameTheAsset()
    {
        var ticket = Tickets.Open(locationId: Guid.CreateVersion7());

        Assert.Equal("ticket.invalid", Assert.Throws<DomainException>(() => ticket.Concerns(NewAsset())).Code);
        Assert.Null(ticket.AssetId);
    }
}
