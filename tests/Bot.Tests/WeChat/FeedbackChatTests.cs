using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>The 反馈 dialog end to end: encrypted pushes to /wechat/callback, sessions and dedupe in real Redis.</summary>
public sealed class FeedbackChatTests(FeedbackChatTests.Host host) : IClassFixture<FeedbackChatTests.Host>
{
    private ChatUser NewStudent() => new(host, "o-fb-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task FullDialog_Canteen_StoresOneAnonymousFeedbackWithEveryAnswer()
    {
        var student = NewStudent();

        var subjects = await student.SayAsync("评价");
        var canteens = await student.SayAsync("1");
        var stars = await student.SayAsync("2");
        var text = await student.SayAsync("⭐⭐⭐⭐");
        var anonymous = await student.SayAsync("打饭窗口排队有点久");
        var thanks = await student.SayAsync("是");

        Assert.StartsWith("请问想评价哪方面？\n1. 食堂", subjects);
        Assert.StartsWith("是哪个食堂？\n1. 第一食堂\n2. 第二食堂\n3. 第三食堂", canteens);
        Assert.StartsWith("已选择：第二食堂\n请给第二食堂打个分", stars);
        Assert.StartsWith("已评分：⭐⭐⭐⭐\n还有什么想说的吗？", text);
        Assert.StartsWith("是否匿名提交？", anonymous);
        Assert.Equal("感谢您的评价！⭐⭐⭐⭐\n您的反馈已记录，我们会继续努力。（已匿名提交）", thanks);
        var stored = Assert.Single(await host.Services.FeedbackOfAsync(student.OpenId));
        Assert.Equal((FeedbackSubject.Canteen, "第二食堂", 4, "打饭窗口排队有点久", true),
            (stored.Subject, stored.PlaceName, stored.Stars, stored.Text, stored.IsAnonymous));
    }

    [Fact]
    public async Task FullDialog_FromTheMenuButton_NotAnonymous_WithoutText()
    {
        var student = NewStudent();

        await student.ClickAsync(MenuKeys.Feedback);
        var thanks = await student.SayAsync("宿舍", "五", "跳过", "否");

        Assert.StartsWith("感谢您的评价！⭐⭐⭐⭐⭐", thanks);
        var stored = Assert.Single(await host.Services.FeedbackOfAsync(student.OpenId));
        Assert.Equal((FeedbackSubject.Dorm, null, 5, null, false), (stored.Subject, stored.PlaceName, stored.Stars, stored.Text, stored.IsAnonymous));
        Assert.Equal(student.OpenId, stored.VisibleAuthorOpenId);
    }

    [Fact]
    public async Task LowScore_WithoutAReason_IsAskedAgain_ThenStoredWithTheReason()
    {
        var student = NewStudent();
        await student.SayAsync("反馈", "3", "1");

        var skipped = await student.SayAsync("跳过");
        var reason = await student.SayAsync("师傅说好下午来，结果没来");
        await student.SayAsync("否");

        Assert.StartsWith("评分较低时需要写一下原因", skipped);
        Assert.StartsWith("是否匿名提交？", reason);
        var stored = Assert.Single(await host.Services.FeedbackOfAsync(student.OpenId));
        Assert.Equal((FeedbackSubject.Repair, 1, "师傅说好下午来，结果没来"), (stored.Subject, stored.Stars, stored.Text));
    }

    [Fact]
    public async Task LastMessage_DeliveredThreeTimes_StoresOneFeedback()
    {
        var student = NewStudent();
        await student.SayAsync("反馈", "4", "4", "跳过");

        var first = await student.SayAsync("否");
        var retry1 = await student.RetryAsync("否");
        var retry2 = await student.RetryAsync("否");

        Assert.Equal([first, first], [retry1, retry2]);
        Assert.Single(await host.Services.FeedbackOfAsync(student.OpenId));
    }

    [Fact]
    public async Task ADoubleTappedAnswer_TwoMessages_StoresOneFeedback()
    {
        var student = NewStudent();
        await student.SayAsync("反馈", "4", "3", "跳过");

        await Task.WhenAll(student.SayAsync("是"), student.SayAsync("是"));

        Assert.Single(await host.Services.FeedbackOfAsync(student.OpenId));
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "subject", "" },
        { "subject", "9" },
        { "subject", "🍔🍟" },
        { "subject", "1; DROP TABLE Feedbacks; --" },
        { "subject", new string('长', 5000) },
        { "canteen", "" },
        { "canteen", "4" },
        { "canteen", "😋" },
        { "canteen", "' OR '1'='1" },
        { "canteen", new string('长', 5000) },
        { "stars", "" },
        { "stars", "6" },
        { "stars", "🤔" },
        { "stars", "5; DELETE FROM Feedbacks" },
        { "stars", new string('5', 5000) },
        { "text", "" },
        { "text", "😡😡" },
        { "text", new string('长', 5000) },
        { "anonymous", "" },
        { "anonymous", "3" },
        { "anonymous", "🙈" },
        { "anonymous", "' OR 1=1 --" },
        { "anonymous", new string('是', 5000) },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInput_AtEveryStep_IsAskedAgainPolitely_AndNothingIsStored(string step, string typed)
    {
        var student = NewStudent();
        string[] before = step switch
        {
            "subject" => ["反馈"],
            "canteen" => ["反馈", "1"],
            "stars" => ["反馈", "1", "1"],
            "text" => ["反馈", "1", "1", "1"],
            _ => ["反馈", "1", "1", "4", "好吃"],
        };
        var question = await student.SayAsync(before);

        var reply = await student.SayAsync(typed);

        Assert.NotEqual(ChatTexts.Busy, reply);
        // A short word on what was wrong, then the same question again.
        var questionEnd = string.Join('\n', question.Split('\n')[^2..]);
        Assert.EndsWith(questionEnd, reply);
        Assert.True(reply.Length > questionEnd.Length + 1 && reply.Length < 400, reply);
        Assert.Empty(await host.Services.FeedbackOfAsync(student.OpenId));
    }

    [Fact]
    public async Task SqlLookingText_IsStoredVerbatim_AndHarmless()
    {
        var student = NewStudent();
        const string text = "'); DELETE FROM \"Feedbacks\"; --";

        await student.SayAsync("反馈", "2", "3", text, "否");

        Assert.Equal(text, Assert.Single(await host.Services.FeedbackOfAsync(student.OpenId)).Text);
    }

    public sealed class Host() : BotFactory(TestServers.RedisConnectionString(), HostData.ChatSettings());
}
