using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Tests.Support;
using WechatLogistics.Handlers.Volunteering;

namespace WechatLogistics.Handlers.Tests.Volunteering;

public sealed class MyShiftsDialogTests
{
    private static readonly TimeSpan Campus = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Now = new(2025, 11, 29, 8, 50, 0, Campus);

    // Starts in 10 minutes: check-in is open, cancelling still possible.
    private static readonly MyShift Today = new(Guid.CreateVersion7(), "图书整理", "图书馆",
        new(2025, 11, 29, 9, 0, 0, Campus), new(2025, 11, 29, 11, 0, 0, Campus), SignupStatus.Confirmed, null, null,
        [SignupAction.Cancel, SignupAction.CheckIn]);

    private static readonly MyShift Waiting = new(Guid.CreateVersion7(), "食堂高峰引导", "第一食堂",
        new(2025, 11, 30, 11, 0, 0, Campus), new(2025, 11, 30, 13, 0, 0, Campus), SignupStatus.Waitlisted, 2, null,
        [SignupAction.Cancel]);

    private static readonly MyShift Done = new(Guid.CreateVersion7(), "体育馆器材整理", "体育馆",
        new(2025, 11, 22, 9, 0, 0, Campus), new(2025, 11, 22, 11, 30, 0, Campus), SignupStatus.Completed, null, 2.5m, []);

    private readonly FakeSender _sender = new();
    private readonly DialogDriver _chat;
    private MyShifts _mine = new([Today, Waiting, Done], 2.5m);

    public MyShiftsDialogTests()
    {
        _sender.On<ListMyShiftsQuery>(_ => _mine);
        _chat = new DialogDriver(new MyShiftsDialog(_sender), Now);
    }

    [Fact]
    public async Task Start_ListsSignupsWithStatusPositionHoursAndTotal()
    {
        var reply = await _chat.Start();

        Assert.StartsWith(
            "你的志愿值班（累计志愿时长 2.5 小时）：\n" +
            "1. 图书整理｜图书馆\n   11月29日 周六 09:00-11:00｜已报名｜可签到\n" +
            "2. 食堂高峰引导｜第一食堂\n   11月30日 周日 11:00-13:00｜候补中（第2位）\n" +
            "3. 体育馆器材整理｜体育馆\n   11月22日 周六 09:00-11:30｜已完成，2.5小时\n", reply);
    }

    [Fact]
    public async Task Start_NoSignups_PointsToTheVolunteerMenu()
    {
        _mine = new([], 0);

        Assert.StartsWith("你还没有报名志愿岗位", await _chat.Start());
        Assert.True(_chat.Session.IsIdle);
    }

    [Fact]
    public async Task Pick_OffersOnlyTheActionsPossibleNow()
    {
        await _chat.Start();

        var reply = await _chat.Say("1");

        Assert.StartsWith("图书整理｜11月29日 周六 09:00-11:00｜已报名\n请选择：\n1. 取消报名\n2. 签到\n", reply);
    }

    [Fact]
    public async Task Pick_ASignupWithNothingToDo_SaysSoAndStays()
    {
        await _chat.Start();

        var reply = await _chat.Say("3");

        Assert.StartsWith("这条报名已完成，2.5小时，现在没有可以进行的操作。", reply);
        Assert.Equal("pick", _chat.Session.Step);
    }

    [Fact]
    public async Task CheckIn_SendsOneCommandAndConfirmsTheTime()
    {
        _sender.On<CheckInShiftCommand>(c => new CheckInShiftResult(c.ShiftId, Now, Today.EndsAt));
        await _chat.Start();

        var reply = await _chat.Say("1", "签到");

        Assert.Equal(new CheckInShiftCommand("o-student", Today.ShiftId), Assert.Single(_sender.SentOf<CheckInShiftCommand>()));
        Assert.StartsWith("签到成功！签到时间 08:50。", reply);
        Assert.True(_chat.Session.IsIdle);
    }

    [Fact]
    public async Task CancelSignup_AsksToConfirmFirst_ThenCancelsOnce()
    {
        _sender.On<CancelShiftSignupCommand>(c => new CancelShiftSignupResult(c.ShiftId, SignupStatus.Confirmed, "o-next"));
        await _chat.Start();

        var confirm = await _chat.Say("1", "1");
        Assert.Empty(_sender.SentOf<CancelShiftSignupCommand>());
        var done = await _chat.Say("确认");

        Assert.StartsWith("确定取消以下报名吗？\n图书整理｜", confirm);
        Assert.Equal(Today.ShiftId, Assert.Single(_sender.SentOf<CancelShiftSignupCommand>()).ShiftId);
        Assert.Equal("已取消报名，名额已自动递补给候补的同学。", done);
    }

    [Theory]
    [InlineData("否", "好的，报名保留。")]
    [InlineData("取消", "好的，已退出，你的报名没有变化。")]
    public async Task CancelSignup_SayingNo_KeepsTheSignup(string typed, string replyStart)
    {
        await _chat.Start();
        await _chat.Say("2", "1");

        Assert.StartsWith(replyStart, await _chat.Say(typed));
        Assert.Empty(_sender.SentOf<CancelShiftSignupCommand>());
    }

    [Fact]
    public async Task CancelSignup_AlreadyCancelledByAnEarlierConfirm_SaysSoInsteadOfActingTwice()
    {
        _sender.On<CancelShiftSignupCommand>(_ => throw new DomainException("shift.invalid_transition", "你的报名当前为“已取消”，不能取消报名。"));
        await _chat.Start();

        var reply = await _chat.Say("2", "1", "确认");

        Assert.Equal("你的报名当前为“已取消”，不能取消报名。", reply);
        Assert.True(_chat.Session.IsIdle);
    }

    [Theory]
    [InlineData("pick", "")]
    [InlineData("pick", "4")]
    [InlineData("pick", "🙂")]
    [InlineData("pick", "1; DROP TABLE VolunteerShifts")]
    [InlineData("action", "3")]
    [InlineData("action", "签退")]
    [InlineData("confirm", "嗯？")]
    public async Task BadInput_AtEveryStep_AsksAgainAndSendsNothing(string step, string typed)
    {
        await _chat.Start();
        if (step != "pick")
        {
            await _chat.Say("1");
        }

        if (step == "confirm")
        {
            await _chat.Say("1");
        }

        var reply = await _chat.Say(typed);

        Assert.StartsWith(step switch { "pick" => "请回复 1 到 3 之间的数字。", "action" => "请回复 1 到 2 之间的数字。", _ => "请回复“确认”取消报名" }, reply);
        Assert.Equal(step, _chat.Session.Step);
        Assert.Equal(_sender.Sent.Count, _sender.SentOf<ListMyShiftsQuery>().Count());
    }
}
