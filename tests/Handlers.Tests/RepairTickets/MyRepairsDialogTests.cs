using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.RepairTickets.Chat;
using WechatLogistics.Handlers.RepairTickets;
using WechatLogistics.Handlers.Tests.Support;

namespace WechatLogistics.Handlers.Tests.RepairTickets;

public sealed class MyRepairsDialogTests
{
    private static readonly DateTimeOffset OpenedAt = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero); // 09:30 on campus

    private readonly FakeSender _sender = new();
    private readonly DialogHarness _chat;
    private readonly List<RepairTicketSummary> _tickets = [];
    private readonly Dictionary<Guid, RepairTicketDetails> _details = [];

    public MyRepairsDialogTests()
    {
        _sender
            .On<ListMyRepairTicketsQuery>(q => new RepairTicketPage([.. _tickets], q.Page, q.PageSize, false))
            .On<GetRepairTicketQuery>(q => _details[q.TicketId!.Value])
            .On<CancelRepairTicketCommand>(c => Changed(c.TicketId, TicketStatus.Cancelled))
            .On<ConfirmRepairCommand>(c => Changed(c.TicketId, TicketStatus.Confirmed))
            .On<ReopenRepairTicketCommand>(c => Changed(c.TicketId, TicketStatus.Reopened));
        _chat = new DialogHarness(new MyRepairsDialog(_sender));
    }

    [Fact]
    public async Task NoTicketsInProgress_SaysSoAndHowToReport_WithoutEnteringADialog()
    {
        var reply = await _chat.StartAsync("我的报修");

        Assert.Equal("您目前没有进行中的报修。需要报修请回复“报修”，几步就能提交～", reply);
        Assert.True(_chat.Session.IsIdle);
    }

    [Fact]
    public async Task List_NumbersTheTicketsWithCategoryPlaceStatusAndCampusTime()
    {
        Add("R20260302-0002", TicketStatus.InProgress, []);
        Add("R20260302-0001", TicketStatus.Submitted, [TicketAction.Cancel]);

        var reply = await _chat.StartAsync("我的报修");

        Assert.StartsWith(
            "您进行中的报修：\n" +
            "1. R20260302-0002 水 / 水龙头\n   东区学生公寓1号楼 302 · 维修中 · 03-02 09:30\n" +
            "2. R20260302-0001 水 / 水龙头\n   东区学生公寓1号楼 302 · 待派单 · 03-02 09:30\n" +
            "回复序号查看详情。", reply);
        Assert.Equal("list", _chat.Session.Step);
    }

    [Fact]
    public async Task Number_ShowsTheTimelineAndOnlyTheActionsAllowedNow()
    {
        Add("R20260302-0001", TicketStatus.Resolved, [TicketAction.Confirm, TicketAction.Reopen]);
        await _chat.StartAsync("我的报修");

        var reply = await _chat.SayAsync("1");

        Assert.StartsWith("报修单 R20260302-0001（待确认）\n类别：水 / 水龙头\n地点：东区学生公寓1号楼 302\n描述：水龙头一直滴水\n进度：\n03-02 09:30 提交报修\n03-02 11:30 维修完成，待您确认：换了阀芯", reply);
        Assert.Contains("您可以回复：\n1. 已修好，确认并评价\n2. 未修好，申请返修", reply);
        Assert.DoesNotContain("撤销", reply);
    }

    [Fact]
    public async Task ConfirmRateAndComment_SendsOneConfirmation()
    {
        var id = Add("R20260302-0001", TicketStatus.Resolved, [TicketAction.Confirm, TicketAction.Reopen]);
        await _chat.StartAsync("我的报修");
        await _chat.SayAsync("1");

        var rating = await _chat.SayAsync("1");
        var comment = await _chat.SayAsync("5");
        var done = await _chat.SayAsync("师傅很专业");

        Assert.StartsWith("请为这次维修打分：回复1到5", rating);
        Assert.StartsWith("还有什么想对维修师傅说的吗？", comment);
        Assert.Equal("感谢您的评价！报修单 R20260302-0001 已完成。", done);
        Assert.Equal(new ConfirmRepairCommand(id, "o-student", 5, "师傅很专业"), Assert.Single(_sender.SentOf<ConfirmRepairCommand>()));
        Assert.True(_chat.Session.IsIdle);
    }

    [Fact]
    public async Task LowRating_AsksWhy_AndSkipSubmitsWithoutAComment()
    {
        var id = Add("R20260302-0001", TicketStatus.Resolved, [TicketAction.Confirm, TicketAction.Reopen]);
        await _chat.StartAsync("我的报修");
        await _chat.SayAsync("1");
        await _chat.SayAsync("确认");

        var why = await _chat.SayAsync("2");
        await _chat.SayAsync("跳过");

        Assert.StartsWith("很抱歉这次没让您满意，能说说原因吗？", why);
        Assert.Equal(new ConfirmRepairCommand(id, "o-student", 2, null), Assert.Single(_sender.SentOf<ConfirmRepairCommand>()));
    }

    [Fact]
    public async Task NotFixed_AsksForTheReasonAndReopens()
    {
        var id = Add("R20260302-0001", TicketStatus.Resolved, [TicketAction.Confirm, TicketAction.Reopen]);
        await _chat.StartAsync("我的报修");
        await _chat.SayAsync("1");

        await _chat.SayAsync("未修好");
        var done = await _chat.SayAsync("还是在滴水");

        Assert.Equal("已为报修单 R20260302-0001 申请返修，我们会尽快重新安排维修。", done);
        Assert.Equal(new ReopenRepairTicketCommand(id, "o-student", "还是在滴水"), Assert.Single(_sender.SentOf<ReopenRepairTicketCommand>()));
    }

    [Fact]
    public async Task Withdraw_AsksToConfirmThenCancels()
    {
        var id = Add("R20260302-0001", TicketStatus.Submitted, [TicketAction.Cancel]);
        await _chat.StartAsync("我的报修");
        await _chat.SayAsync("1");

        var ask = await _chat.SayAsync("1");
        var done = await _chat.SayAsync("确认");

        Assert.StartsWith("确定撤销报修单 R20260302-0001 吗？回复“确认”撤销。", ask);
        Assert.Equal("已撤销报修单 R20260302-0001。如需再次报修请回复“报修”。", done);
        Assert.Equal(id, Assert.Single(_sender.SentOf<CancelRepairTicketCommand>()).TicketId);
    }

    [Theory]
    [InlineData("list", "3")]
    [InlineData("list", "0")]
    [InlineData("list", "🙈")]
    [InlineData("list", "")]
    [InlineData("ticket", "3")]
    [InlineData("ticket", "撤销")]
    [InlineData("ticket", "' OR '1'='1")]
    [InlineData("rating", "6")]
    [InlineData("rating", "0")]
    [InlineData("rating", "⭐⭐⭐⭐⭐")]
    [InlineData("rating", "五星好评")]
    [InlineData("comment", "😀😀")]
    [InlineData("reopen", "")]
    public async Task BadInput_ReasksAndSendsNothing(string step, string text)
    {
        Add("R20260302-0001", TicketStatus.Resolved, [TicketAction.Confirm, TicketAction.Reopen]);
        await _chat.StartAsync("我的报修");
        string[] path = step switch
        {
            "list" => [],
            "ticket" => ["1"],
            "rating" => ["1", "1"],
            "comment" => ["1", "1", "4"],
            _ => ["1", "2"],
        };
        foreach (var answer in path)
        {
            await _chat.SayAsync(answer);
        }

        await _chat.SayAsync(text);

        Assert.Equal(step, _chat.Session.Step);
        Assert.DoesNotContain(_sender.Sent, m => m is ConfirmRepairCommand or ReopenRepairTicketCommand or CancelRepairTicketCommand);
    }

    [Fact]
    public async Task TicketMovedOnMeanwhile_TheRuleIsExplainedAndTheDialogEnds()
    {
        Add("R20260302-0001", TicketStatus.Submitted, [TicketAction.Cancel]);
        _sender.On<CancelRepairTicketCommand>(_ => throw new DomainException("ticket.invalid_transition", "该报修单当前状态为“维修中”，不能取消。"));
        await _chat.StartAsync("我的报修");
        await _chat.SayAsync("1");
        await _chat.SayAsync("1");

        var reply = await _chat.SayAsync("确认");

        Assert.Equal("该报修单当前状态为“维修中”，不能取消。\n回复“我的报修”查看最新状态。", reply);
        Assert.True(_chat.Session.IsIdle);
    }

    private Guid Add(string number, TicketStatus status, TicketAction[] actions)
    {
        var id = Guid.NewGuid();
        var summary = new RepairTicketSummary(
            id, number, Guid.NewGuid(), "水 / 水龙头", null, "东区学生公寓1号楼 302", status, Priority.Normal, OpenedAt);
        _tickets.Add(summary);
        List<TicketTimelineItem> timeline = [new(OpenedAt, ActorKind.Student, TicketTimelineAction.Opened, TicketStatus.Submitted, null)];
        if (status == TicketStatus.Resolved)
        {
            timeline.Add(new(OpenedAt.AddHours(2), ActorKind.Worker, TicketTimelineAction.Resolved, TicketStatus.Resolved, "换了阀芯"));
        }

        _details[id] = new RepairTicketDetails(
            summary, "水龙头一直滴水", [], 1, OpenedAt.AddHours(8), OpenedAt.AddHours(24), null, null, timeline, actions);
        return id;
    }

    private RepairTicketChangedResult Changed(Guid id, TicketStatus status) =>
        new(id, _tickets.Single(t => t.Id == id).Number, status);
}
