using System.Net;
using WechatLogistics.Bot.MiniProgram.Endpoints;
using WechatLogistics.Bot.Tests.Mini;
using WechatLogistics.Domain.ReferenceData;

namespace WechatLogistics.Bot.Tests.Assets;

/// <summary>The mini-program's create body with <c>assetCode</c> (typed, or read from the asset's QR URL).</summary>
public sealed class AssetMiniTests
{
    [Fact]
    public async Task ACreateWithAnAssetCode_IsFiledAtTheAsset_AnUnknownCodeIsAFriendly404()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var student = await bed.SignInAsync("chen");

        var created = await student.CreateTicketAsync(
            new MiniTicketRequest(ReferenceDataSeed.CategoryId("NET-DOWN"), null, null, "图书馆无线断了", "ap-e-lib-0001"));
        var unknown = await student.CreateTicketAsync(
            new MiniTicketRequest(ReferenceDataSeed.CategoryId("NET-DOWN"), null, null, "图书馆无线断了", "AP-404"));
        var detail = await student.TicketAsync(created.Ok.Id);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(ReferenceDataSeed.LocationId("E-LIB"), detail.Ok.Summary.LocationId);
        Assert.Equal((HttpStatusCode.NotFound, "asset.not_found"), (unknown.Status, unknown.Code));
        Assert.StartsWith("没有找到编号为“AP-404”的设备", unknown.Title);
    }
}
