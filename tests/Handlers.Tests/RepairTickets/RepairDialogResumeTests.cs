using WechatLogistics.Handlers.RepairTickets;

namespace WechatLogistics.Handlers.Tests.RepairTickets;

/// <summary>Coming back to a half-filled form, and submitting the same form more than once.</summary>
public sealed class RepairDialogResumeTests : RepairDialogFixture
{
    [Fact]
    public async Task BackAfterTenMinutes_FirstMessageIsTheResumeQuestionWithTheDraft()
    {
        await ReachAsync("description");
        Chat.Now += TimeSpan.FromMinutes(10);

        var reply = await Chat.SayAsync("水龙头一直滴水");

        Assert.StartsWith("您有一份未完成的报修（水 / 水龙头 · 东区学生公寓1号楼 302），回复1继续，回复2重新开始。", reply);
        Assert.Equal("resume", Chat.Session.Step);
        Assert.False(Chat.Session.Slots.ContainsKey("desc"));
    }

    [Fact]
    public async Task BackWithinTenMinutes_JustContinues()
    {
        await ReachAsync("description");
        Chat.Now += TimeSpan.FromMinutes(9);

        var reply = await Chat.SayAsync("水龙头一直滴水");

        Assert.StartsWith("如果方便，请发送故障照片", reply);
    }

    [Fact]
    public async Task Resume_One_ContinuesWhereTheStudentLeft()
    {
        await ReachAsync("description");
        Chat.Now += TimeSpan.FromMinutes(25);
        await Chat.SayAsync("在吗");

        var reply = await Chat.SayAsync("1");
        await Chat.SayAsync("水龙头一直滴水");
        await Chat.SayAsync("跳过");
        await Chat.SayAsync("确认");

        Assert.StartsWith("好的，我们接着填写。\n请简单描述一下问题", reply);
        var command = Assert.Single(Submitted);
        Assert.Equal(("东区学生公寓1号楼 302", "水龙头一直滴水"), (command.LocationText, command.Description));
    }

    [Fact]
    public async Task Resume_Two_StartsOverWithAnEmptyFormAndANewKey()
    {
        await ReachAsync("photo");
        var oldKey = Chat.Session.Slots["key"];
        Chat.Now += TimeSpan.FromMinutes(12);
        await Chat.SayAsync("好了");

        var reply = await Chat.SayAsync("2");

        Assert.StartsWith("好的，我们来报修～", reply);
        Assert.Equal("category", Chat.Session.Step);
        Assert.Equal(["key"], Chat.Session.Slots.Keys);
        Assert.NotEqual(oldKey, Chat.Session.Slots["key"]);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("🙃")]
    [InlineData("")]
    public async Task Resume_AnythingElse_AsksAgain(string text)
    {
        await ReachAsync("location");
        Chat.Now += TimeSpan.FromMinutes(15);
        await Chat.SayAsync("东区1号楼302");

        var reply = await Chat.SayAsync(text);

        Assert.StartsWith("请回复1继续，或回复2重新开始。\n您有一份未完成的报修（水 / 水龙头）", reply);
        Assert.Equal("resume", Chat.Session.Step);
    }

    [Fact]
    public async Task Cancel_AfterALongPause_CancelsWithoutAsking()
    {
        await ReachAsync("description");
        Chat.Now += TimeSpan.FromMinutes(15);

        var reply = await Chat.SayAsync("取消");

        Assert.StartsWith("已取消报修", reply);
        Assert.True(Chat.Session.IsIdle);
    }

    [Fact]
    public async Task ConfirmTwice_OnTheSameDraft_SendsTheSameIdempotencyKey()
    {
        await ReachAsync("confirm");
        // The first 确认's session save is lost (another instance saved first), so the student says 确认 again.
        var beforeConfirm = Chat.Snapshot();
        await Chat.SayAsync("确认");
        Chat.Restore(beforeConfirm);
        await Chat.SayAsync("确认");

        Assert.Equal(2, Submitted.Count);
        Assert.Equal(Submitted[0].IdempotencyKey, Submitted[1].IdempotencyKey);
    }

    [Fact]
    public async Task TwoReports_OneAfterTheOther_HaveDifferentKeys()
    {
        await ReachAsync("confirm");
        await Chat.SayAsync("确认");
        await ReachAsync("confirm");
        await Chat.SayAsync("确认");

        Assert.NotEqual(Submitted[0].IdempotencyKey, Submitted[1].IdempotencyKey);
    }
}
