using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Tests.RepairTickets;

/// <summary>报修 and 我的报修 end to end: encrypted pushes in, the real engine and Redis sessions, SQLite behind.</summary>
public sealed class RepairChatTests(RepairChatTests.Host host) : IClassFixture<RepairChatTests.Host>
{
    [Fact]
    public async Task FullReport_OpensExactlyOneTicketWithWhatTheStudentSaid()
    {
        var chat = new RepairChat(host);

        var summary = await chat.FillReportAsync();
        var done = await chat.SayAsync("确认");

        Assert.Contains("类别：水 / 水龙头\n地点：东区学生公寓1号楼 302\n描述：水龙头一直滴水\n照片：1张", summary);
        var ticket = Assert.Single(await chat.TicketsAsync());
        Assert.StartsWith($"报修已提交！单号：{ticket.Number}", done);
        Assert.Contains("8小时内安排维修人员响应", done);
        Assert.Equal((ReferenceDataSeed.CategoryId("WATER-TAP"), ReferenceDataSeed.LocationId("E-D01")), (ticket.CategoryId, ticket.LocationId));
        Assert.Equal(("东区学生公寓1号楼 302", "水龙头一直滴水"), (ticket.LocationText, ticket.Description));
        Assert.Equal([new TicketPhoto("media-0001", "http://mmbiz.qpic.cn/sim/tap.jpg")], ticket.Photos);
        Assert.Equal((TicketStatus.Submitted, Priority.Normal), (ticket.Status, ticket.Priority));
        // The dialog is over: the next message is a top-level one again.
        Assert.StartsWith("抱歉，我没看懂", await chat.SayAsync("确认"));
    }

    [Fact]
    public async Task FinalMessageDeliveredThreeTimes_StillOneTicket_AndTheSameAnswer()
    {
        var chat = new RepairChat(host);
        await chat.FillReportAsync();
        var confirm = chat.TextXml("确认");

        var answers = new List<string>();
        for (var delivery = 0; delivery < 3; delivery++)
        {
            answers.Add(await chat.SendAsync(confirm));
        }

        var ticket = Assert.Single(await chat.TicketsAsync());
        Assert.All(answers, a => Assert.StartsWith($"报修已提交！单号：{ticket.Number}", a));
    }

    [Fact]
    public async Task ConfirmTappedTwiceAtOnce_OneTicket()
    {
        var chat = new RepairChat(host);
        await chat.FillReportAsync();

        // Two different messages (two MsgIds) racing: both may see the summary step; the key makes them one request.
        var answers = await Task.WhenAll(chat.SayAsync("确认"), chat.SayAsync("确定"));

        var ticket = Assert.Single(await chat.TicketsAsync());
        Assert.Contains(answers, a => a.StartsWith($"报修已提交！单号：{ticket.Number}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancelMidDialog_CreatesNothing()
    {
        var chat = new RepairChat(host);
        await chat.SayAsync("报修");
        await chat.SayAsync("1");
        await chat.SayAsync("1");
        await chat.SayAsync("东区1号楼302");

        var reply = await chat.SayAsync("取消");

        Assert.Equal("已取消报修。如需帮助请回复\"帮助\"。", reply);
        Assert.Empty(await chat.TicketsAsync());
        Assert.StartsWith("您目前没有进行中的报修", await chat.SayAsync("我的报修"));
    }

    [Fact]
    public async Task MenuButtonAndLocationMessage_WorkLikeTyping()
    {
        var chat = new RepairChat(host);

        var first = await chat.ClickAsync(MenuKeys.Repair);
        await chat.SayAsync("空调");
        await chat.SayAsync("1");
        var place = await chat.LocationAsync("东区学生公寓3号楼");
        await chat.SayAsync("空调不制冷");
        await chat.SayAsync("跳过");
        await chat.SayAsync("确认");

        Assert.StartsWith("好的，我们来报修～", first);
        Assert.StartsWith("已收到位置：东区学生公寓3号楼", place);
        var ticket = Assert.Single(await chat.TicketsAsync());
        Assert.Equal((ReferenceDataSeed.CategoryId("AC-TEMP"), ReferenceDataSeed.LocationId("E-D03"), "东区学生公寓3号楼"),
            (ticket.CategoryId, ticket.LocationId, ticket.LocationText));
        Assert.Empty(ticket.Photos);
    }

    [Fact]
    public async Task MyRepairs_ListsTheTicket_ThenConfirmAndRateClosesIt()
    {
        var chat = new RepairChat(host);
        await chat.FillReportAsync();
        await chat.SayAsync("确认");
        var ticket = Assert.Single(await chat.TicketsAsync());

        var list = await chat.SayAsync("我的报修");
        await chat.ResolveAsync(ticket.Id);
        await chat.SayAsync("返回"); // still on the list: shown again, now 待确认
        var details = await chat.SayAsync("1");
        var rate = await chat.SayAsync("1");
        await chat.SayAsync("5");
        var thanks = await chat.SayAsync("修得又快又好");

        Assert.StartsWith($"您进行中的报修：\n1. {ticket.Number} 水 / 水龙头\n   东区学生公寓1号楼 302 · 待派单 · ", list);
        Assert.StartsWith($"报修单 {ticket.Number}（待确认）", details);
        Assert.Contains("维修完成，待您确认：更换阀芯", details);
        Assert.Contains("1. 已修好，确认并评价\n2. 未修好，申请返修", details);
        Assert.StartsWith("请为这次维修打分", rate);
        Assert.Equal($"感谢您的评价！报修单 {ticket.Number} 已完成。", thanks);
        var closed = Assert.Single(await chat.TicketsAsync());
        Assert.Equal((TicketStatus.Confirmed, 5, "修得又快又好"), (closed.Status, closed.Rating, closed.RatingComment));
    }

    [Fact]
    public async Task MyRepairs_Withdraw_CancelsTheTicket()
    {
        var chat = new RepairChat(host);
        await chat.FillReportAsync();
        await chat.SayAsync("确认");

        await chat.ClickAsync(MenuKeys.MyRepairs);
        var details = await chat.SayAsync("1");
        await chat.SayAsync("撤销");
        var done = await chat.SayAsync("确认");

        Assert.Contains("1. 撤销报修", details);
        Assert.StartsWith("已撤销报修单", done);
        Assert.Equal(TicketStatus.Cancelled, Assert.Single(await chat.TicketsAsync()).Status);
    }

    [Fact]
    public async Task Withdraw_AfterTheWorkerStarted_ExplainsWhyNot_AndLeavesTheDialog()
    {
        var chat = new RepairChat(host);
        await chat.FillReportAsync();
        await chat.SayAsync("确认");
        var ticket = Assert.Single(await chat.TicketsAsync());
        await chat.SayAsync("我的报修");
        await chat.SayAsync("1");
        await chat.SayAsync("撤销");
        await chat.StartWorkAsync(ticket.Id);

        var refused = await chat.SayAsync("确认");
        var list = await chat.SayAsync("我的报修");

        Assert.Equal("该报修单当前状态为“维修中”，不能取消。\n回复“我的报修”查看最新状态。", refused);
        Assert.Contains("东区学生公寓1号楼 302 · 维修中", list);
        Assert.Equal(TicketStatus.InProgress, Assert.Single(await chat.TicketsAsync()).Status);
    }

    [Fact]
    public async Task AnotherStudent_SeesNoneOfIt()
    {
        var owner = new RepairChat(host);
        await owner.FillReportAsync();
        await owner.SayAsync("确认");
        var stranger = new RepairChat(host);

        var reply = await stranger.SayAsync("我的报修");

        Assert.StartsWith("您目前没有进行中的报修", reply);
    }

    [Fact]
    public async Task ComingBackAfterFifteenMinutes_IsAskedToContinueOrRestart()
    {
        var chat = new RepairChat(host);
        await chat.SayAsync("报修");
        await chat.SayAsync("1");
        await chat.SayAsync("1");
        await chat.SayAsync("东区1号楼302");
        await chat.LeaveForAsync(TimeSpan.FromMinutes(15));

        var prompt = await chat.SayAsync("水龙头漏水");
        var resumed = await chat.SayAsync("1");
        await chat.SayAsync("水龙头漏水");
        await chat.SayAsync("跳过");
        await chat.SayAsync("确认");

        Assert.StartsWith("您有一份未完成的报修（水 / 水龙头 · 东区学生公寓1号楼 302），回复1继续，回复2重新开始。", prompt);
        Assert.StartsWith("好的，我们接着填写。\n请简单描述一下问题", resumed);
        Assert.Equal("水龙头漏水", Assert.Single(await chat.TicketsAsync()).Description);
    }

    public sealed class Host() : BotFactory(TestServers.RedisConnectionString());
}
