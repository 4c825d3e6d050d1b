using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Feedbacks;
using WechatLogistics.Handlers.Tests.Support;

namespace WechatLogistics.Handlers.Tests.Feedbacks;

public sealed class FeedbackDialogTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 28, 12, 0, 0, TimeSpan.FromHours(8));
    private static readonly string TooLong = new('长', 5000);

    private readonly FakeSender _sender = new();
    private readonly DialogDriver _chat;

    public FeedbackDialogTests()
    {
        var east = Location.Create(null, LocationKind.Area, "东区", "E");
        var west = Location.Create(null, LocationKind.Area, "西区", "W");
        IReadOnlyList<Location> canteens =
        [
            Location.Create(east, LocationKind.Building, "第一食堂", "E-C1"),
            Location.Create(west, LocationKind.Building, "第二食堂", "W-C2"),
        ];
        _sender.On<ListCanteensQuery>(_ => canteens)
            .On<SubmitFeedbackCommand>(c => new SubmitFeedbackResult(c.RequestId ?? Guid.NewGuid(), Now, false));
        _chat = new DialogDriver(new FeedbackDialog(_sender), Now);
    }

    [Fact]
    public async Task Start_AsksWhatToRate()
    {
        var reply = await _chat.Start();

        Assert.StartsWith("请问想评价哪方面？\n1. 食堂\n2. 宿舍\n3. 维修服务\n4. 其他", reply);
        Assert.Equal(("feedback", "subject"), (_chat.Session.Dialog, _chat.Session.Step));
    }

    [Theory]
    [InlineData("1", "canteen", "是哪个食堂？\n1. 第一食堂\n2. 第二食堂")]
    [InlineData("宿舍", "stars", "已选择：宿舍\n请给宿舍打个分")]
    [InlineData("3", "stars", "已选择：维修服务\n请给维修服务打个分")]
    public async Task Subject_ValidChoice_GoesToTheRightStep(string typed, string step, string replyStart)
    {
        await _chat.Start();

        var reply = await _chat.Say(typed);

        Assert.StartsWith(replyStart, reply);
        Assert.Equal(step, _chat.Session.Step);
    }

    public static TheoryData<string> BadChoices => ["", "0", "5", "-1", "🍜🍜", "'; DROP TABLE Feedbacks; --", TooLong];

    [Theory]
    [MemberData(nameof(BadChoices))]
    public async Task Subject_BadInput_AsksAgainPolitely(string typed)
    {
        await _chat.Start();

        var reply = await _chat.Say(typed);

        Assert.StartsWith("请回复 1 到 4 之间的数字。\n请问想评价哪方面？", reply);
        Assert.Equal("subject", _chat.Session.Step);
    }

    [Theory]
    [InlineData("2", "第二食堂")]
    [InlineData("一食堂", "第一食堂")]
    [InlineData("２食堂二楼", "第二食堂")]
    [InlineData("北区清真餐厅", "北区清真餐厅")]
    public async Task Canteen_NumberKnownNameOrAShortChineseName_IsTaken(string typed, string place)
    {
        await _chat.Start();
        await _chat.Say("1");

        var reply = await _chat.Say(typed);

        Assert.StartsWith($"已选择：{place}\n请给{place}打个分", reply);
    }

    [Theory]
    [InlineData("3", "请回复 1 到 2 之间的数字。")]
    [InlineData("", "没认出是哪个食堂")]
    [InlineData("🍜🍜🍜", "没认出是哪个食堂")]
    [InlineData("'; DROP TABLE Feedbacks; --", "没认出是哪个食堂")]
    public async Task Canteen_BadInput_AsksAgain(string typed, string problem)
    {
        await _chat.Start();
        await _chat.Say("1");

        var reply = await _chat.Say(typed);

        Assert.StartsWith(problem, reply);
        Assert.Equal("canteen", _chat.Session.Step);
    }

    [Fact]
    public async Task Canteen_FiveThousandCharacters_AsksAgain()
    {
        await _chat.Start();
        await _chat.Say("1");

        Assert.StartsWith("没认出是哪个食堂", await _chat.Say(TooLong));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("５")]
    [InlineData("五")]
    [InlineData("⭐⭐⭐⭐⭐")]
    public async Task Stars_EveryWayOfWritingFive_IsFive(string typed)
    {
        await _chat.Start();
        await _chat.Say("2");

        var reply = await _chat.Say(typed);

        Assert.StartsWith("已评分：⭐⭐⭐⭐⭐\n还有什么想说的吗？", reply);
    }

    public static TheoryData<string> BadStars => ["", "0", "6", "-1", "😀", "⭐⭐⭐⭐⭐⭐", "'; DROP TABLE Feedbacks; --", TooLong];

    [Theory]
    [MemberData(nameof(BadStars))]
    public async Task Stars_BadInput_AsksAgain(string typed)
    {
        await _chat.Start();
        await _chat.Say("2");

        var reply = await _chat.Say(typed);

        Assert.StartsWith("请回复 1 到 5 之间的数字，例如 5。\n请给宿舍打个分", reply);
        Assert.Equal("stars", _chat.Session.Step);
    }

    [Theory]
    [InlineData("跳过")]
    [InlineData("")]
    public async Task LowScore_WithoutAReason_AsksForOneGently(string typed)
    {
        await _chat.Start();
        await _chat.Say("2", "1");

        var reply = await _chat.Say(typed);

        Assert.StartsWith("评分较低时需要写一下原因，一句话就好", reply);
        Assert.Equal("text", _chat.Session.Step);
    }

    [Theory]
    [InlineData("😡😡😡", "请用文字描述一下哦。")]
    [InlineData("", "请回复文字内容，或回复“跳过”。")]
    public async Task Text_NoWords_AsksAgain(string typed, string problem)
    {
        await _chat.Start();
        await _chat.Say("2", "4");

        Assert.StartsWith(problem, await _chat.Say(typed));
    }

    [Fact]
    public async Task Text_OverTheLimit_AsksToShortenIt()
    {
        await _chat.Start();
        await _chat.Say("2", "4");

        Assert.StartsWith("内容有点长啦，请控制在500字以内。", await _chat.Say(TooLong));
        Assert.Equal("text", _chat.Session.Step);
    }

    [Theory]
    [InlineData("", "请回复“是”或“否”。")]
    [InlineData("也许吧", "请回复“是”或“否”。")]
    [InlineData("3", "请回复“是”或“否”。")]
    public async Task Anonymous_Unclear_AsksAgainAndSendsNothing(string typed, string problem)
    {
        await _chat.Start();
        await _chat.Say("2", "4", "跳过");

        Assert.StartsWith(problem, await _chat.Say(typed));
        Assert.Empty(_sender.SentOf<SubmitFeedbackCommand>());
    }

    [Fact]
    public async Task FullDialog_SendsOneCommandWithEveryAnswer_AndThanks()
    {
        await _chat.Start();

        var reply = await _chat.Say("1", "一食堂", "2", "饭菜是凉的", "是");

        var sent = Assert.Single(_sender.SentOf<SubmitFeedbackCommand>());
        Assert.Equal(("o-student", FeedbackSubject.Canteen, "第一食堂", 2, "饭菜是凉的", true),
            (sent.AuthorOpenId, sent.Subject, sent.PlaceName, sent.Stars, sent.Text, sent.Anonymous));
        Assert.Equal("感谢您的反馈，我们已记录，会尽快跟进改进。（已匿名提交）", reply);
        Assert.True(_chat.Session.IsIdle);
    }

    [Fact]
    public async Task TheLastAnswerHandledTwiceFromOneSession_CarriesOneRequestId()
    {
        await _chat.Start();
        await _chat.Say("4", "5", "跳过");
        var sameSession = new Dictionary<string, string>(_chat.Session.Slots);

        await _chat.Say("否");
        // A second instance that loaded the session before the first one cleared it.
        _chat.Session.Dialog = "feedback";
        _chat.Session.Step = "anonymous";
        _chat.Session.Slots = sameSession;
        await _chat.Say("否");

        var sent = _sender.SentOf<SubmitFeedbackCommand>().ToList();
        Assert.Equal(2, sent.Count);
        Assert.NotNull(sent[0].RequestId);
        Assert.Equal(sent[0].RequestId, sent[1].RequestId);
    }

    [Fact]
    public async Task RuleBrokenOnSubmit_SaysSoAndStaysOnTheStep()
    {
        _sender.On<SubmitFeedbackCommand>(_ => throw new DomainException("feedback.invalid", "评价内容不能超过500个字。"));
        await _chat.Start();

        var reply = await _chat.Say("2", "3", "跳过", "否");

        Assert.StartsWith("评价内容不能超过500个字。\n是否匿名提交？", reply);
        Assert.Equal("anonymous", _chat.Session.Step);
    }

    [Fact]
    public async Task Back_FromStarsAfterACanteen_ReturnsToTheCanteenQuestion()
    {
        await _chat.Start();
        await _chat.Say("1", "2");

        Assert.StartsWith("是哪个食堂？", await _chat.Say("返回"));
    }
}
