using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;

namespace WechatLogistics.Handlers.Tests.Conversations;

public sealed class StepDialogTests
{
    private readonly PizzaDialog _dialog = new();
    private readonly ChatSession _session = new() { Account = "acc", UserId = "o-user" };

    [Fact]
    public async Task Start_EntersTheFirstStepAndAsksItsQuestionWithTheFooter()
    {
        var reply = await Start();

        Assert.Equal("size", _session.Step);
        Assert.Equal("选尺寸：\n1. 小\n2. 大\n" + StepWords.Footer, reply);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("中")]
    [InlineData("")]
    [InlineData("'; DROP TABLE tickets; --")]
    [InlineData("🍕🍕🍕")]
    public async Task InvalidChoice_AsksAgainWithTheChoicesAndStays(string text)
    {
        await Start();

        var reply = await Say(text);

        Assert.StartsWith("请回复 1 到 2 之间的数字。\n选尺寸：", reply);
        Assert.Equal("size", _session.Step);
    }

    [Fact]
    public async Task ValidChoice_MovesOnAndRemembersTheAnswer()
    {
        await Start();

        var reply = await Say("2");

        Assert.Equal("topping", _session.Step);
        Assert.Equal("大", _session.Slots["size"]);
        Assert.StartsWith("已选择：大\n加什么料？", reply);
    }

    [Fact]
    public async Task Back_ReturnsToThePreviousStep_AndOnTheFirstStepSaysSo()
    {
        await Start();
        await Say("1");

        var back = await Say("返回");
        var again = await Say("返回");

        Assert.StartsWith("选尺寸：", back);
        Assert.Equal("size", _session.Step);
        Assert.StartsWith("已经是第一步了。", again);
    }

    [Fact]
    public async Task Help_ExplainsTheCurrentStepWithoutMoving()
    {
        await Start();
        await Say("1");

        var reply = await Say("帮助");

        Assert.StartsWith("写下想加的配料", reply);
        Assert.Equal("topping", _session.Step);
    }

    [Fact]
    public async Task Cancel_AtAnyStep_EndsTheDialogAndForgetsTheDraft()
    {
        await Start();
        await Say("1");

        var reply = await Say("取消");

        Assert.Equal("已取消点单。如需帮助请回复\"帮助\"。", reply);
        Assert.True(_session.IsIdle);
    }

    [Fact]
    public async Task LastStep_FinishesWithTheResult()
    {
        await Start();
        await Say("2");

        var reply = await Say("蘑菇");

        Assert.Equal("好的：大份，加蘑菇", reply);
        Assert.True(_session.IsIdle);
    }

    [Fact]
    public async Task UnknownStepInASavedSession_StartsOver()
    {
        await Start();
        _session.Step = "renamed-in-a-new-release";

        var reply = await Say("1");

        Assert.Equal("点单流程已更新，请重新开始。", reply);
        Assert.True(_session.IsIdle);
    }

    private async Task<string> Start() =>
        Text(await _dialog.StartAsync(new DialogContext(Input(""), _session, ""), default));

    private async Task<string> Say(string text) =>
        Text(await _dialog.ContinueAsync(new DialogContext(Input(text), _session, TextNormalizer.Normalize(text)), default));

    private static ChatInput Input(string text) => new("acc", "o-user", ChatInputKind.Text, DateTimeOffset.UnixEpoch) { Text = text };

    private static string Text(ChatReply reply) => Assert.IsType<TextChatReply>(reply).Content;

    private sealed class PizzaDialog : StepDialog
    {
        private static readonly string[] Sizes = ["小", "大"];

        public override string Name => "pizza";

        public override string Keyword => "点单";

        public override string Description => "测试";

        public override int MenuOrder => 1;

        protected override string Title => "点单";

        protected override string FirstStep => "size";

        protected override IReadOnlyDictionary<string, DialogStep> BuildSteps() => new Dictionary<string, DialogStep>
        {
            ["size"] = DialogStep.Fixed("选尺寸：\n" + NumberedChoice.Render(Sizes, s => s), "回复数字选择尺寸。", (context, _) =>
            {
                var size = NumberedChoice.Pick(Sizes, s => s, context.Text);
                if (size is null)
                {
                    return StepOutcome.AgainAsync(NumberedChoice.OutOfRange(Sizes.Length));
                }

                context.Session.Slots["size"] = size;
                return StepOutcome.NextAsync("topping", "已选择：" + size);
            }),
            ["topping"] = DialogStep.Fixed("加什么料？", "写下想加的配料。", (context, _) =>
                ValueTask.FromResult(StepOutcome.Finish(ChatReply.Text($"好的：{context.Session.Slots["size"]}份，加{context.Text}")))),
        };

        protected override IReadOnlySet<string> TriggerWords { get; } = new HashSet<string>(["点单"]);
    }
}
