using System.Net;
using System.Net.Http.Json;
using System.Text;
using WechatLogistics.Bot.Tests.StaffWork;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ReferenceData;

namespace WechatLogistics.Bot.Tests.Assets;

/// <summary>The staff asset API over HTTP: CSV import, history, the QR sheet and its policy; the mini-program's assetCode.</summary>
public sealed class AssetApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportOverHttp_ReportsBadLines_AndTheRoomsSheetShowsEachAssetsQrCode()
    {
        await using var host = StaffHost.Create();
        var admin = StaffHost.Client(host, "demo-staff", "admin");
        using var csv = new StringContent(
            $"{AssetFiles.Header}\nPJ-<b>1,投影仪<script>,W-TB,综合维修班,,2024-01-01,5000,in-use\nPJ-2,投影仪,W-TB,综合维修班,,,-1,in-use\n",
            Encoding.UTF8, "text/csv");

        using var imported = await admin.PostAsync("/api/staff/assets/import", csv, Ct);
        var result = await StaffHost.JsonAsync(imported);
        using var sheet = await admin.GetAsync("/api/staff/assets/sheet/w-ta", Ct);
        var html = await sheet.Content.ReadAsStringAsync(Ct);
        using var anonymous = await host.CreateClient().GetAsync("/api/staff/assets/sheet/W-TA", Ct);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(0, (int)result["imported"]!);
        Assert.Equal([2, 3], result["errors"]!.AsArray().Select(e => (int)e!["line"]!));
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        Assert.Equal("text/html; charset=utf-8", sheet.Content.Headers.ContentType!.ToString());
        Assert.StartsWith("default-src 'none'; img-src data:; style-src 'sha256-", sheet.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("教学楼A（W-TA）设备报修二维码", html);
        Assert.Contains("<b>PJ-W-TA-0101</b>投影仪", html);
        Assert.Contains("<small>http://127.0.0.1:5080/a/PJ-W-TA-0101</small>", html);
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo", html);
        Assert.DoesNotContain("<script", html);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task History_ListsTheAssetsTickets_AnUnknownCodeIs404()
    {
        await using var host = StaffHost.Create();
        await StaffHost.AddWorkersAsync(host);
        await host.Services.SendAsync(new Handlers.RepairTickets.OpenRepairTicketCommand(
            "o-student-0001", Domain.ReferenceData.ReferenceDataSeed.CategoryId("NET-DOWN"), null, null, "连不上", [], null, "k-1", "ap-e-lib-0001"));
        var admin = StaffHost.Client(host, "demo-staff", "admin");

        var history = await StaffHost.JsonAsync(await admin.GetAsync("/api/staff/assets/AP-E-LIB-0001", Ct));
        using var missing = await admin.GetAsync("/api/staff/assets/NOPE-1", Ct);

        Assert.Equal("网络组", (string?)history["asset"]!["responsibleTeamName"]);
        Assert.Equal("维修中", (string?)history["asset"]!["statusName"]);
        Assert.Single(history["tickets"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("没有找到编号为“NOPE-1”的设备", await missing.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ADispatcherEditsAnAsset_AWorkerMayNot_AndARetiredAssetStaysRetired()
    {
        await using var host = StaffHost.Create();
        await StaffHost.AddWorkersAsync(host);
        var admin = StaffHost.Client(host, "demo-staff", "admin");
        var worker = StaffHost.Client(host, "wang", "worker");
        var place = ReferenceDataSeed.LocationId("W-TB");
        var team = ReferenceDataSeed.TeamId("NETWORK");

        using var forbidden = await worker.PutAsJsonAsync("/api/staff/assets/PJ-W-TA-0101",
            new { kind = "投影仪", locationId = place, responsibleTeamId = team, status = "Retired" }, Ct);
        using var moved = await admin.PutAsJsonAsync("/api/staff/assets/pj-w-ta-0101",
            new { kind = "激光投影仪", locationId = place, responsibleTeamId = team, value = 6000, status = "Retired" }, Ct);
        var view = await StaffHost.JsonAsync(moved);
        using var revived = await admin.PutAsJsonAsync("/api/staff/assets/PJ-W-TA-0101",
            new { kind = "激光投影仪", locationId = place, responsibleTeamId = team, status = "InUse" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(("激光投影仪", "教学楼B", "网络组", "已报废"),
            ((string?)view["kind"], (string?)view["place"], (string?)view["responsibleTeamName"], (string?)view["statusName"]));
        Assert.Equal(HttpStatusCode.Conflict, revived.StatusCode);
    }
}
