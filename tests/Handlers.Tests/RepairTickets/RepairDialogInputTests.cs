using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.RepairTickets;

namespace WechatLogistics.Handlers.Tests.RepairTickets;

/// <summary>Whatever a student sends, every step answers politely and stays put; nothing throws.</summary>
public sealed class RepairDialogInputTests : RepairDialogFixture
{
    public static readonly string Long = new('修', 5000);

    public static TheoryData<string, string> Nonsense => new()
    {
        // step, input
        { "category", "" }, { "category", Long }, { "category", "🔧🚿💡" }, { "category", "'; DROP TABLE RepairTickets; --" },
        { "category", "99" }, { "category", "0" }, { "category", "-1" },
        { "subcategory", "" }, { "subcategory", Long }, { "subcategory", "🔧" }, { "subcategory", "1 OR 1=1" }, { "subcategory", "4" },
        { "location", "" }, { "location", Long }, { "location", "🏠🏠" }, { "location", "   " },
        { "description", "" }, { "description", Long }, { "description", "😭😭😭" }, { "description", "？？？" },
        { "photo", "" }, { "photo", Long }, { "photo", "📷" }, { "photo", "<script>alert(1)</script>" }, { "photo", "3" },
        { "confirm", "" }, { "confirm", Long }, { "confirm", "👍" }, { "confirm", "'; DELETE FROM RepairTickets; --" }, { "confirm", "2" },
    };

    [Theory]
    [MemberData(nameof(Nonsense))]
    public async Task BadInput_AtAnyStep_ReasksTheSameQuestionAndSubmitsNothing(string step, string input)
    {
        await ReachAsync(step);
        var question = await LastQuestionAsync();

        var reply = await Chat.SayAsync(input);

        Assert.Equal(step, Chat.Session.Step);
        Assert.EndsWith(question, reply);
        Assert.NotEqual(question, reply); // says what was wrong first
        Assert.Empty(Submitted);
    }

    [Theory]
    [InlineData("'; DROP TABLE RepairTickets; --")]
    [InlineData("1 OR 1=1")]
    public async Task SqlLookingText_InAFreeTextStep_IsJustText(string text)
    {
        await ReachAsync("description");

        await Chat.SayAsync(text);
        await Chat.SayAsync("跳过");
        await Chat.SayAsync("确认");

        Assert.Equal(text, Assert.Single(Submitted).Description);
    }

    [Fact]
    public async Task Description_OverTheLimit_SaysHowLongItWasAndHowLongItMayBe()
    {
        await ReachAsync("description");

        var reply = await Chat.SayAsync(new string('漏', 501));

        Assert.StartsWith("描述有点长（501字），请精简到500字以内。", reply);
        Assert.Equal("description", Chat.Session.Step);
    }

    [Fact]
    public async Task PhotoSentAtTheDescription_AsksForTextFirst()
    {
        await ReachAsync("description");

        var reply = await Chat.SendImageAsync("m1");

        Assert.StartsWith("先用文字描述一下问题吧", reply);
        Assert.Equal("description", Chat.Session.Step);
    }

    [Fact]
    public async Task RuleBrokenOnSubmit_StaysOnTheSummaryWithTheReason()
    {
        Sender.On<OpenRepairTicketCommand>(_ => throw new DomainException("ticket.invalid", "请选择具体的报修类别。"));
        await ReachAsync("confirm");

        var reply = await Chat.SayAsync("确认");

        Assert.StartsWith("请选择具体的报修类别。\n请回复“返回”修改后再提交。\n请核对报修信息：", reply);
        Assert.Equal("confirm", Chat.Session.Step);
    }

    // The question the current step asks: a re-ask is "what was wrong" on one line, then the question. Taken from a
    // throw-away re-ask, after which the session is put back as it was.
    private async Task<string> LastQuestionAsync()
    {
        var snapshot = Chat.Snapshot();
        var reply = await Chat.SayAsync("🙂");
        Chat.Restore(snapshot);
        return reply[(reply.IndexOf('\n', StringComparison.Ordinal) + 1)..];
    }
}
