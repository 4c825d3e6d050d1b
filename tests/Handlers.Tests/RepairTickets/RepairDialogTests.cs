using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.RepairTickets.Chat;

namespace WechatLogistics.Handlers.Tests.RepairTickets;

public sealed class RepairDialogTests : RepairDialogFixture
{
    [Fact]
    public async Task FullDialog_SubmitsOneTicketWithEverythingTheStudentSaid()
    {
        var first = await Chat.StartAsync();
        await Chat.SayAsync("1");
        await Chat.SayAsync("1");
        var place = await Chat.SayAsync("东区1号楼302");
        await Chat.SayAsync("水龙头一直滴水，关不紧");
        var photo = await Chat.SendImageAsync("media-1", "http://mmbiz.qpic.cn/a.jpg");
        var summary = await Chat.SayAsync("好了");
        var done = await Chat.SayAsync("确认");

        Assert.StartsWith("好的，我们来报修～请问是哪类问题？回复数字：\n1. 水\n2. 电", first);
        Assert.StartsWith("地点：东区学生公寓1号楼 302", place);
        Assert.StartsWith("照片收到啦。\n已收到1张照片，还可以再发2张", photo);
        Assert.Contains("类别：水 / 水龙头\n地点：东区学生公寓1号楼 302\n描述：水龙头一直滴水，关不紧\n照片：1张", summary);
        Assert.StartsWith("报修已提交！单号：R20260302-0007\n水 / 水龙头 · 东区学生公寓1号楼 302", done);
        Assert.Contains("8小时内安排维修人员响应", done);
        Assert.Contains("我的报修", done);
        var command = Assert.Single(Submitted);
        Assert.Equal(("o-student", Category("WATER-TAP"), Place("E-D01")), (command.ReporterOpenId, command.CategoryId, command.LocationId));
        Assert.Equal(("东区学生公寓1号楼 302", "水龙头一直滴水，关不紧"), (command.LocationText, command.Description));
        Assert.Equal([new TicketPhoto("media-1", "http://mmbiz.qpic.cn/a.jpg")], command.Photos);
        Assert.Null(command.Priority);
        Assert.False(string.IsNullOrEmpty(command.IdempotencyKey));
        Assert.True(Chat.Session.IsIdle);
    }

    [Theory]
    [InlineData("水", "已选择：水")]
    [InlineData("1", "已选择：水")]
    public async Task TopLevelWithChildren_AsksForTheSubcategory(string answer, string lead)
    {
        await Chat.StartAsync();

        var reply = await Chat.SayAsync(answer);

        Assert.StartsWith(lead + "\n具体是哪一项？回复数字：\n1. 水龙头\n2. 水管漏水\n3. 马桶堵塞", reply);
        Assert.Equal("subcategory", Chat.Session.Step);
    }

    [Theory]
    [InlineData("水龙头", "WATER-TAP", "水 / 水龙头")]
    [InlineData("6", "OTHER", "其他")]
    [InlineData("其他", "OTHER", "其他")]
    public async Task LeafByNameOrALeafTopLevel_SkipsTheSubcategory(string answer, string code, string path)
    {
        await Chat.StartAsync();

        var reply = await Chat.SayAsync(answer);

        Assert.StartsWith($"已选择：{path}\n请告诉我报修地点", reply);
        Assert.Equal(Category(code).ToString(), Chat.Session.Slots["cat"]);
    }

    [Fact]
    public async Task AmbiguousPlace_OffersTheBuildingsNumbered_AndKeepsTheRoom()
    {
        await ReachAsync("location");

        var offer = await Chat.SayAsync("1号楼 302");
        var picked = await Chat.SayAsync("2");

        Assert.StartsWith("找到了几栋相近的楼，是哪一栋？回复数字：\n1. 东区学生公寓1号楼\n2. 西区学生公寓1号楼\n3. 南区学生公寓1号楼", offer);
        Assert.StartsWith("地点：西区学生公寓1号楼 302", picked);
        await Chat.SayAsync("灯不亮");
        await Chat.SayAsync("跳过");
        await Chat.SayAsync("确认");
        Assert.Equal((Place("W-D01"), "西区学生公寓1号楼 302"), (Submitted[0].LocationId, Submitted[0].LocationText));
    }

    [Fact]
    public async Task UnknownPlace_IsKeptAsWrittenAndTheStudentIsToldStaffWillCheck()
    {
        await ReachAsync("location");

        var reply = await Chat.SayAsync("北门快递站旁边的小屋");

        Assert.StartsWith("暂时没有匹配到“北门快递站旁边的小屋”，我们先按您填写的地点记录，工作人员会核实。\n请简单描述一下问题", reply);
        Assert.Equal("北门快递站旁边的小屋", Chat.Session.Slots["place"]);
        Assert.False(Chat.Session.Slots.ContainsKey("loc"));
    }

    [Theory]
    [InlineData("东区学生公寓3号楼", "E-D03")]
    [InlineData("广州市天河区某某路", null)]
    public async Task WeChatLocationMessage_IsTheLabel_LinkedWhenItNamesABuilding(string label, string? code)
    {
        await ReachAsync("location");

        var reply = await Chat.SendLocationAsync(label);

        Assert.StartsWith($"已收到位置：{label}\n请简单描述一下问题", reply);
        Assert.Equal(label, Chat.Session.Slots["place"]);
        Assert.Equal(code is null ? null : Place(code).ToString(), Chat.Session.Slots.GetValueOrDefault("loc"));
    }

    [Fact]
    public async Task Photos_UpToThree_ThenTheSummaryFollowsByItself()
    {
        await ReachAsync("photo");

        await Chat.SendImageAsync("m1");
        await Chat.SendImageAsync("m2", "http://x/2.jpg");
        var third = await Chat.SendImageAsync("m3");

        Assert.StartsWith("已收到3张照片。\n请核对报修信息：", third);
        Assert.Contains("照片：3张", third);
        await Chat.SayAsync("确认");
        Assert.Equal([new("m1", null), new("m2", "http://x/2.jpg"), new("m3", null)], Submitted[0].Photos);
    }

    [Fact]
    public async Task Cancel_MidDialog_SubmitsNothingAndForgetsTheDraft()
    {
        await ReachAsync("description");

        var reply = await Chat.SayAsync("取消");

        Assert.Equal("已取消报修。如需帮助请回复\"帮助\"。", reply);
        Assert.Empty(Submitted);
        Assert.True(Chat.Session.IsIdle);
    }

    [Fact]
    public async Task Back_FromTheDescription_AsksForThePlaceAgain()
    {
        await ReachAsync("description");

        var reply = await Chat.SayAsync("返回");

        Assert.StartsWith("请告诉我报修地点", reply);
        Assert.Equal("location", Chat.Session.Step);
    }

    [Fact]
    public async Task Help_ExplainsTheStepWithoutMoving()
    {
        await ReachAsync("photo");

        var reply = await Chat.SayAsync("帮助");

        Assert.StartsWith("直接在对话框发送图片即可，最多3张", reply);
        Assert.Equal("photo", Chat.Session.Step);
    }

    [Theory]
    [InlineData(ChatInputKind.MenuClick, null, "MENU_REPAIR", true)]
    [InlineData(ChatInputKind.MenuClick, null, "MENU_MY_REPAIRS", false)]
    [InlineData(ChatInputKind.Text, "报修", null, true)]
    [InlineData(ChatInputKind.Text, "维修", null, true)]
    [InlineData(ChatInputKind.Text, "我的报修", null, false)]
    public void Triggers_KeywordsAndTheMenuKey(ChatInputKind kind, string? text, string? key, bool expected)
    {
        var input = new ChatInput("gh", "o", kind, DateTimeOffset.UnixEpoch) { Text = text, EventKey = key };

        Assert.Equal(expected, new RepairDialog(Sender).IsTriggeredBy(input, TextNormalizer.Normalize(text)));
    }
}
