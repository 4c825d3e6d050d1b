using WechatLogistics.Bot.Tests.RepairTickets;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ReferenceData;

namespace WechatLogistics.Bot.Tests.Assets;

/// <summary>报修 about an asset by chat: its QR code scanned (SCAN / subscribe with scene asset:…), or its code typed.</summary>
public sealed class AssetChatTests(AssetChatTests.Host host) : IClassFixture<AssetChatTests.Host>
{
    private const string AirConditioner = "AC-E-D01-0301";

    [Theory]
    [InlineData("SCAN", "asset:" + AirConditioner)]
    [InlineData("subscribe", "qrscene_asset:" + AirConditioner)]
    public async Task ScanningAnAssetsQrCode_StartsAReportForIt_WithoutAskingThePlace(string eventName, string eventKey)
    {
        var chat = new RepairChat(host);
        await chat.SayAsync("反馈");

        var started = await chat.SendAsync(WeChatPush.EventXml(chat.User, eventName, eventKey));
        await chat.SayAsync("1");
        var afterCategory = await chat.SayAsync("1");
        await chat.SayAsync("不制冷，还滴水");
        await chat.ImageAsync("media-0001", "http://mmbiz.qpic.cn/sim/ac.jpg");
        await chat.SayAsync("好了");
        await chat.SayAsync("确认");

        Assert.StartsWith($"已识别设备：空调（编号{AirConditioner}），位置：东区学生公寓1号楼 3层。", started);
        Assert.DoesNotContain("报修地点", afterCategory);
        var ticket = Assert.Single(await chat.TicketsAsync());
        Assert.Equal((ReferenceDataSeed.AssetId(AirConditioner), ReferenceDataSeed.LocationId("E-D01-F3"), ReferenceDataSeed.TeamId("AC")),
            (ticket.AssetId, ticket.LocationId, ticket.TeamId));
        Assert.Equal($"东区学生公寓1号楼 3层（设备{AirConditioner}）", ticket.LocationText);
    }

    [Fact]
    public async Task ATypedAssetCode_AtThePlaceStep_FillsThePlace_AnUnknownOneIsExplained()
    {
        var chat = new RepairChat(host);
        await chat.SayAsync("报修");
        await chat.SayAsync("1");
        await chat.SayAsync("1");

        var unknown = await chat.SayAsync("设备XX-404");
        var known = await chat.SayAsync("设备 wh-e-d01-0301");

        Assert.StartsWith("没有找到编号为“XX-404”的设备", unknown);
        Assert.StartsWith("已识别设备：热水器（编号WH-E-D01-0301）", known);
    }

    public sealed class Host() : BotFactory(TestServers.RedisConnectionString());
}
