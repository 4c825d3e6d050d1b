using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Handlers.DepartmentRequests;
using WechatLogistics.Handlers.DepartmentRequests.Chat;
using WechatLogistics.Handlers.Tests.Support;

namespace WechatLogistics.Handlers.Tests.DepartmentRequests;

public sealed class DepartmentRequestDialogTests
{
    /// <summary>Campus date 2026-11-28.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly DepartmentItem Cs = new(Guid.Parse("0199a0c0-0000-7000-8000-0000000000c5"), "CS", "计算机学院");
    private static readonly DepartmentItem Fl = new(Guid.Parse("0199a0c0-0000-7000-8000-0000000000f1"), "FL", "外国语学院");

    private readonly FakeSender _sender = new();

    private DialogDriver Chat(params DepartmentItem[] departments)
    {
        _sender.On<ListMyDepartmentsQuery>(_ => (IReadOnlyList<DepartmentItem>)departments)
            .On<FileDepartmentRequestCommand>(c => new FiledDepartmentRequest(
                Guid.NewGuid(), "D20261128-0003", "计算机学院", RequestStatus.Submitted, ["科员审核", "主任审批"], Now, false));
        return new DialogDriver(new DepartmentRequestDialog(_sender), Now, "o-dept-cs-1");
    }

    [Fact]
    public async Task NotAContact_IsToldHowToBecomeOne_AndNoDialogStarts()
    {
        var chat = Chat();

        var reply = await chat.Start();

        Assert.StartsWith("部门申报仅限已登记的部门联系人使用。如需开通，请由本部门负责人联系后勤办", reply, StringComparison.Ordinal);
        Assert.True(chat.Session.IsIdle);
    }

    [Fact]
    public async Task AContact_FilesAMaintenanceRequest_StepByStep()
    {
        var chat = Chat(Cs);

        var start = await chat.Start();
        var kind = await chat.Say("1");
        var place = await chat.Say("报告厅音响线路老化，需要更换");
        var cost = await chat.Say("图书馆报告厅");
        await chat.Say("￥6,800.50");
        var confirm = await chat.Say("12月20日");
        var done = await chat.Say("确认");

        Assert.StartsWith("为计算机学院申报。\n请选择申报类型：\n1. 维修工程\n2. 采购\n3. 场地后勤保障\n4. 活动保障", start, StringComparison.Ordinal);
        Assert.StartsWith("已选择：维修工程\n请描述申报内容", kind, StringComparison.Ordinal);
        Assert.StartsWith("维修地点在哪里？", place, StringComparison.Ordinal);
        Assert.StartsWith("预计费用是多少元？", cost, StringComparison.Ordinal);
        Assert.StartsWith(
            "请确认申报：\n部门：计算机学院\n类型：维修工程\n内容：报告厅音响线路老化，需要更换\n地点：图书馆报告厅\n预计费用：6800.50 元\n期望日期：2026-12-20",
            confirm, StringComparison.Ordinal);
        Assert.Equal("申报已提交，编号 D20261128-0003。\n审批流程：科员审核 → 主任审批\n每一步审批结果都会通知您。", done);
        var command = Assert.Single(_sender.SentOf<FileDepartmentRequestCommand>());
        Assert.Equal(
            ("o-dept-cs-1", false, (Guid?)Cs.Id, RequestKind.Maintenance, "图书馆报告厅", 6800.50m, new DateOnly(2026, 12, 20)),
            (command.FiledBy, command.AsStaff, command.DepartmentId, command.Kind, command.Place, command.EstimatedCost, command.WantedDate));
        Assert.StartsWith("chat:", command.IdempotencyKey, StringComparison.Ordinal);
        Assert.True(chat.Session.IsIdle);
    }

    [Fact]
    public async Task SeveralDepartments_AskWhichFirst_AndAPurchaseSkipsThePlace()
    {
        var chat = Chat(Cs, Fl);

        var start = await chat.Start();
        var picked = await chat.Say("2");
        await chat.Say("2");
        var afterDescription = await chat.Say("采购投影仪 2 台");

        Assert.StartsWith("请选择为哪个部门申报：\n1. 计算机学院\n2. 外国语学院", start, StringComparison.Ordinal);
        Assert.StartsWith("已选择：外国语学院\n请选择申报类型", picked, StringComparison.Ordinal);
        Assert.StartsWith("预计费用是多少元？", afterDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cost", "-5", "预计费用不能为负数。\n预计费用是多少元？")]
    [InlineData("cost", "12.345", "预计费用请填写不超过一亿元的金额，最多两位小数。")]
    [InlineData("cost", "很多", "请回复金额数字，例如 1200。")]
    [InlineData("date", "2026-11-27", "期望日期不能早于今天。\n希望什么时候完成？")]
    [InlineData("date", "2026-02-30", "没看懂这个日期")]
    [InlineData("date", "下周", "没看懂这个日期")]
    [InlineData("kind", "9", "请回复 1 到 4 之间的数字。\n请选择申报类型")]
    public async Task BadAnswers_AskAgain_AndStayOnTheStep(string step, string typed, string replyStart)
    {
        var chat = Chat(Cs);
        await chat.Start();
        if (step != "kind")
        {
            await chat.Say("2", "采购椅子");
        }

        if (step == "date")
        {
            await chat.Say("300");
        }

        var reply = await chat.Say(typed);

        Assert.StartsWith(replyStart, reply, StringComparison.Ordinal);
        Assert.Equal(step, chat.Session.Step);
        Assert.Empty(_sender.SentOf<FileDepartmentRequestCommand>());
    }

    [Fact]
    public async Task ARefusalFromTheOffice_IsShown_AndTheDialogWaitsOnTheConfirmStep()
    {
        var chat = Chat(Cs);
        _sender.On<FileDepartmentRequestCommand>(_ => throw new DomainException("department_request.forbidden", "你不是这个部门的申报联系人。"));
        await chat.Start();

        var reply = await chat.Say("2", "采购椅子", "300", "2026-12-01", "确认");

        Assert.StartsWith("你不是这个部门的申报联系人。\n请确认申报", reply, StringComparison.Ordinal);
        Assert.Equal("confirm", chat.Session.Step);
    }

    [Theory]
    [InlineData("2026-12-01", "2026-12-01")]
    [InlineData("2027/1/5", "2027-01-05")]
    [InlineData("12月1日", "2026-12-01")]
    [InlineData("1月5号", "2027-01-05")]   // already past this year: next year's
    [InlineData("11-28", "2026-11-28")]
    public void Date_ReadsWhatPeopleType(string typed, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DepartmentRequestAnswers.Date(typed, new DateOnly(2026, 11, 28)));
    }
}
