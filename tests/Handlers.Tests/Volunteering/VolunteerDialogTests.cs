using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Tests.Support;
using WechatLogistics.Handlers.Volunteering;

namespace WechatLogistics.Handlers.Tests.Volunteering;

public sealed class VolunteerDialogTests
{
    private static readonly TimeSpan Campus = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Now = new(2025, 11, 28, 12, 0, 0, Campus);

    private static readonly OpenShift Canteen = new(
        Guid.CreateVersion7(), "食堂高峰引导", "第一食堂", new(2025, 11, 29, 11, 0, 0, Campus), new(2025, 11, 29, 13, 0, 0, Campus), 4, 2, 0, null);

    private static readonly OpenShift Library = new(
        Guid.CreateVersion7(), "图书整理", "图书馆", new(2025, 11, 30, 14, 0, 0, Campus), new(2025, 11, 30, 16, 0, 0, Campus), 2, 0, 3, null);

    private readonly FakeSender _sender = new();
    private readonly DialogDriver _chat;
    private List<OpenShift> _open = [Canteen, Library];

    public VolunteerDialogTests()
    {
        _sender.On<ListOpenShiftsQuery>(q => new OpenShiftsPage([.. _open.Skip((q.Page - 1) * q.PageSize).Take(q.PageSize)], q.Page, q.PageSize, _open.Count));
        _chat = new DialogDriver(new VolunteerDialog(_sender), Now);
    }

    [Fact]
    public async Task Start_ListsOpenShiftsWithTimeAndPlacesLeft()
    {
        var reply = await _chat.Start();

        Assert.StartsWith(
            "可报名的志愿岗位：\n" +
            "1. 食堂高峰引导｜第一食堂\n   11月29日 周六 11:00-13:00｜剩余2个名额\n" +
            "2. 图书整理｜图书馆\n   11月30日 周日 14:00-16:00｜已满，可候补（前面3人）\n" +
            "回复序号即可报名。", reply);
        Assert.Equal("volunteer", _chat.Session.Dialog);
    }

    [Fact]
    public async Task Start_NoOpenShifts_SaysSoWithoutStartingADialog()
    {
        _open = [];

        var reply = await _chat.Start();

        Assert.Equal("近期暂时没有可报名的志愿岗位，过几天再来看看吧~", reply);
        Assert.True(_chat.Session.IsIdle);
    }

    [Fact]
    public async Task Number_ClaimsThatShift_AndConfirms()
    {
        _sender.On<ClaimShiftCommand>(c => new ClaimShiftResult(c.ShiftId, Guid.NewGuid(), SignupStatus.Confirmed, null));
        await _chat.Start();

        var reply = await _chat.Say("1");

        Assert.Equal(new ClaimShiftCommand("o-student", Canteen.ShiftId), Assert.Single(_sender.SentOf<ClaimShiftCommand>()));
        Assert.StartsWith("报名成功！\n食堂高峰引导｜第一食堂\n11月29日 周六 11:00-13:00", reply);
        Assert.True(_chat.Session.IsIdle);
    }

    [Fact]
    public async Task Number_OnAFullShift_TellsTheWaitlistPosition()
    {
        _sender.On<ClaimShiftCommand>(c => new ClaimShiftResult(c.ShiftId, Guid.NewGuid(), SignupStatus.Waitlisted, 4));
        await _chat.Start();

        var reply = await _chat.Say("２");

        Assert.StartsWith("该岗位已满，已加入候补，第4位。", reply);
    }

    [Fact]
    public async Task ClaimRefused_SaysTheRuleAndOffersTheFreshListAgain()
    {
        _sender.On<ClaimShiftCommand>(_ => throw new DomainException("shift.overlap", "你在这个时间段已有其他岗位，不能重复报名。"));
        await _chat.Start();
        _open = [Library];

        var reply = await _chat.Say("1");

        Assert.StartsWith("你在这个时间段已有其他岗位，不能重复报名。\n可报名的志愿岗位：\n1. 图书整理", reply);
        Assert.Equal("pick", _chat.Session.Step);
    }

    [Fact]
    public async Task ANumberPicksTheShiftTheUserSaw_EvenWhenTheListChangedSince()
    {
        _sender.On<ClaimShiftCommand>(c => new ClaimShiftResult(c.ShiftId, Guid.NewGuid(), SignupStatus.Confirmed, null));
        await _chat.Start();
        _open = [Library, Canteen];

        await _chat.Say("1");

        Assert.Equal(Canteen.ShiftId, Assert.Single(_sender.SentOf<ClaimShiftCommand>()).ShiftId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("🙋🙋")]
    [InlineData("'; DELETE FROM ShiftSignups; --")]
    public async Task BadInput_AsksAgainAndClaimsNothing(string typed)
    {
        await _chat.Start();

        var reply = await _chat.Say(typed);

        Assert.StartsWith("请回复 1 到 2 之间的数字。\n可报名的志愿岗位：", reply);
        Assert.Empty(_sender.SentOf<ClaimShiftCommand>());
    }

    [Fact]
    public async Task More_ShowsTheNextPage_AndNumbersReferToIt()
    {
        _open = [.. Enumerable.Range(1, 7).Select(i => Canteen with { ShiftId = Guid.CreateVersion7(), Title = $"岗位{i}" })];
        _sender.On<ClaimShiftCommand>(c => new ClaimShiftResult(c.ShiftId, Guid.NewGuid(), SignupStatus.Confirmed, null));
        var first = await _chat.Start();

        var second = await _chat.Say("更多");
        await _chat.Say("2");

        Assert.Contains("回复“更多”查看下一页。", first);
        Assert.StartsWith("第2页：\n可报名的志愿岗位：\n1. 岗位6", second);
        Assert.Equal(_open[6].ShiftId, Assert.Single(_sender.SentOf<ClaimShiftCommand>()).ShiftId);
    }

    [Fact]
    public async Task Cancel_LeavesSayingNothingWasBooked()
    {
        await _chat.Start();

        Assert.StartsWith("好的，已退出，没有报名新的岗位。", await _chat.Say("取消"));
        Assert.True(_chat.Session.IsIdle);
    }
}
