using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Domain.Tests.DepartmentRequests;

public sealed class DepartmentRequestTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 28);
    private const string Contact = "o-dept-cs-1";

    private static readonly StaffMember Clerk = StaffMember.Create("clerk", "科员", "C001", StaffRole.Dispatcher, null);
    private static readonly StaffMember Head = StaffMember.Create("head", "主任", "H001", StaffRole.Dispatcher, null);
    private static readonly StaffMember Worker = StaffMember.Create("worker", "师傅", "1001", StaffRole.Worker, Guid.CreateVersion7());
    private static readonly StaffMember Admin = StaffMember.Create("admin", "管理员", "A001", StaffRole.Admin, null);

    /// <summary>科员审核 for every request, 主任审批 from 5000 yuan.</summary>
    private static List<ApprovalStepRule> Chain() =>
    [
        new("科员审核", null, ["clerk"], null),
        new("主任审批", null, ["head"], 5000m),
    ];

    private static Department Cs()
    {
        var department = Department.Create("计算机学院", "CS");
        department.AddContact(Contact, "办公室");
        return department;
    }

    private static DepartmentRequest File(
        decimal cost = 1200m, RequestKind kind = RequestKind.Maintenance, DateOnly? wanted = null, Department? department = null,
        string filer = Contact, IReadOnlyList<ApprovalStepRule>? chain = null) =>
        DepartmentRequest.File(
            DepartmentRequestNumber.Create(Today, 3), department ?? Cs(), RequestActorKind.Contact, filer, kind, "302教室空调不制冷", "东区教学楼302",
            cost, wanted ?? Today.AddDays(7), Today, chain ?? Chain(), T0);

    [Theory]
    [InlineData("0", 1)]
    [InlineData("4999.99", 1)]
    [InlineData("5000", 2)]
    [InlineData("80000.5", 2)]
    public void File_StampsTheStepsThatApplyToTheCost(string cost, int steps)
    {
        var request = File(decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(steps, request.Steps.Count);
        Assert.Equal(("科员审核", RequestStatus.Submitted, 0), (request.CurrentStep?.Name, request.Status, request.ApprovedSteps));
        Assert.Equal(RequestAction.Submitted, Assert.Single(request.Timeline).Action);
        Assert.Equal("D20261128-0003", Assert.IsType<DepartmentRequestSubmitted>(Assert.Single(request.DomainEvents)).Number);
    }

    [Fact]
    public void File_KeepsItsChain_WhenTheConfigurationChangesLater()
    {
        var chain = Chain();
        var request = File(6000m, chain: chain);

        chain.Clear();
        chain.Add(new ApprovalStepRule("新流程", StaffRole.Admin, [], null));

        Assert.Equal(["科员审核", "主任审批"], request.Steps.Select(s => s.Name));
    }

    public static TheoryData<string, string> BadFilings => new()
    {
        { "inactive-department", "请选择申报部门。" },
        { "negative-cost", "预计费用不能为负数。" },
        { "three-decimals", "预计费用请填写不超过一亿元的金额，最多两位小数。" },
        { "too-costly", "预计费用请填写不超过一亿元的金额，最多两位小数。" },
        { "past-date", "期望日期不能早于今天。" },
        { "unknown-kind", "申报类型不正确，请选择维修工程、采购、场地后勤保障或活动保障。" },
        { "not-a-contact", "你还不是计算机学院的申报联系人。" },
        { "no-steps", "审批流程未配置，请联系后勤办。" },
    };

    [Theory]
    [MemberData(nameof(BadFilings))]
    public void File_BadInput_IsAClearError(string bad, string message)
    {
        var inactive = Cs();
        inactive.Deactivate();
        Action file = bad switch
        {
            "inactive-department" => () => File(department: inactive),
            "negative-cost" => () => File(-1m),
            "three-decimals" => () => File(10.005m),
            "too-costly" => () => File(100_000_000m),
            "past-date" => () => File(wanted: Today.AddDays(-1)),
            "unknown-kind" => () => File(kind: (RequestKind)99),
            "not-a-contact" => () => File(filer: "o-somebody-else"),
            _ => () => File(chain: [new("主任审批", null, ["head"], 5000m)]),
        };

        Assert.Equal(message, Assert.Throws<DomainException>(file).Message);
    }

    [Fact]
    public void File_WithoutADepartment_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() => DepartmentRequest.File(
            DepartmentRequestNumber.Create(Today, 1), null!, RequestActorKind.Staff, "clerk", RequestKind.Purchase, "采购投影仪", null, 10m,
            Today, Today, Chain(), T0));

        Assert.Equal("department_request.invalid", error.Code);
    }

    [Fact]
    public void TwoSteps_ApprovedInOrder_EndApproved_WithEveryDecisionOnTheTimeline()
    {
        var request = File(6000m);
        request.ClearDomainEvents();

        request.Approve(Clerk, "同意", T0.AddHours(1), step: 1);
        var afterFirst = (request.Status, request.CurrentStep?.Name);
        request.Approve(Head, null, T0.AddHours(2), step: 2);

        Assert.Equal((RequestStatus.Submitted, "主任审批"), afterFirst);
        Assert.Equal((RequestStatus.Approved, 2, (DateTimeOffset?)T0.AddHours(2)), (request.Status, request.ApprovedSteps, request.ClosedAt));
        Assert.Null(request.CurrentStep);
        Assert.Equal(
            [(RequestAction.Submitted, (string?)null, (int?)null, (string?)null), (RequestAction.StepApproved, "clerk", 1, "同意"), (RequestAction.StepApproved, "head", 2, null)],
            request.Timeline.Select(e => (e.Action, e.ActorKind == RequestActorKind.Staff ? e.ActorId : null, e.Step, e.Comment)));
        Assert.Equal(
            [RequestStatus.Submitted, RequestStatus.Approved],
            request.DomainEvents.OfType<DepartmentRequestDecided>().Select(e => e.Status));
    }

    [Fact]
    public void BelowTheThreshold_OneApprovalIsFinal()
    {
        var request = File(4999m);

        request.Approve(Clerk, null, T0.AddHours(1));

        Assert.Equal(RequestStatus.Approved, request.Status);
    }

    [Theory]
    [InlineData("head", 1, "department_request.forbidden")]    // the head may not decide the clerk's step
    [InlineData("worker", 1, "department_request.forbidden")]
    [InlineData("head", 2, "department_request.step_pending")] // nor skip to his own
    [InlineData("clerk", 2, "department_request.step_pending")]
    public void WrongPersonOrStep_IsRefused_AndChangesNothing(string who, int step, string code)
    {
        var request = File(6000m);
        var actor = who switch { "head" => Head, "worker" => Worker, _ => Clerk };

        var error = Assert.Throws<DomainException>(() => request.Approve(actor, null, T0.AddHours(1), step));

        Assert.Equal(code, error.Code);
        Assert.Equal((RequestStatus.Submitted, 0, 1), (request.Status, request.ApprovedSteps, request.Timeline.Count));
    }

    [Fact]
    public void ClerkCannotDecideTheHeadsStep_ButAnAdminCan()
    {
        var request = File(6000m);
        request.Approve(Clerk, null, T0.AddHours(1));

        Assert.Equal("department_request.forbidden", Assert.Throws<DomainException>(() => request.Approve(Clerk, null, T0.AddHours(2))).Code);
        request.Approve(Admin, "特批", T0.AddHours(2));
        Assert.Equal(RequestStatus.Approved, request.Status);
    }

    [Fact]
    public void RoleSteps_AdmitEveryActiveMemberOfTheRole()
    {
        var request = File(100m, chain: [new("调度审核", StaffRole.Dispatcher, [], null)]);
        var inactive = StaffMember.Create("old", "离职", "X001", StaffRole.Dispatcher, null);
        inactive.Deactivate();

        Assert.Equal("staff.forbidden", Assert.Throws<DomainException>(() => request.Approve(inactive, null, T0)).Code);
        Assert.Equal("department_request.forbidden", Assert.Throws<DomainException>(() => request.Approve(Worker, null, T0)).Code);
        request.Approve(Head, null, T0);
        Assert.Equal(RequestStatus.Approved, request.Status);
    }

    [Fact]
    public void ADecidedStep_CannotBeDecidedAgain()
    {
        var request = File(6000m);
        request.Approve(Clerk, null, T0.AddHours(1), step: 1);

        var again = Assert.Throws<DomainException>(() => request.Approve(Admin, null, T0.AddHours(2), step: 1));
        var rejectAgain = Assert.Throws<DomainException>(() => request.Reject(Admin, "不行", T0.AddHours(2), step: 1));

        Assert.Equal("department_request.step_decided", again.Code);
        Assert.Equal("department_request.step_decided", rejectAgain.Code);
        Assert.Equal(1, request.ApprovedSteps);
    }

    [Fact]
    public void Reject_NeedsAComment_ThenEndsTheChain()
    {
        var request = File(6000m);

        Assert.Equal("department_request.comment_required", Assert.Throws<DomainException>(() => request.Reject(Clerk, "  ", T0)).Code);
        request.Reject(Clerk, "预算不足，请下学期再报", T0.AddHours(1));

        Assert.Equal(RequestStatus.Rejected, request.Status);
        Assert.Equal("预算不足，请下学期再报", request.Timeline[^1].Comment);
        Assert.Equal("department_request.already_decided", Assert.Throws<DomainException>(() => request.Approve(Head, null, T0.AddHours(2))).Code);
        Assert.Equal("department_request.already_decided", Assert.Throws<DomainException>(() => request.Approve(Admin, null, T0.AddHours(2))).Code);
    }

    [Fact]
    public void AnApprovedRequest_CannotBeDecidedAgain()
    {
        var request = File(100m);
        request.Approve(Clerk, null, T0.AddHours(1));

        Assert.Equal("department_request.already_decided", Assert.Throws<DomainException>(() => request.Approve(Clerk, null, T0.AddHours(2))).Code);
        Assert.Equal("department_request.already_decided", Assert.Throws<DomainException>(() => request.Reject(Admin, "撤销", T0.AddHours(2))).Code);
    }

    [Fact]
    public void Withdraw_ByTheFilerWhileUnderWay_Only()
    {
        var request = File(100m);

        Assert.Equal("department_request.not_owner", Assert.Throws<DomainException>(() => request.Withdraw("o-other", T0)).Code);
        request.Withdraw(Contact, T0.AddHours(1));

        Assert.Equal(RequestStatus.Withdrawn, request.Status);
        Assert.Equal("department_request.already_decided", Assert.Throws<DomainException>(() => request.Approve(Clerk, null, T0.AddHours(2))).Code);
    }

    [Fact]
    public void LinkTicket_OnlyOnce_AndOnlyForAnApprovedMaintenanceRequest()
    {
        var purchase = File(100m, RequestKind.Purchase);
        purchase.Approve(Clerk, null, T0);
        var pending = File(100m);
        var maintenance = File(100m);
        maintenance.Approve(Clerk, null, T0);

        maintenance.LinkTicket(Guid.CreateVersion7(), "R20261128-0001", T0);

        Assert.Throws<DomainException>(() => purchase.LinkTicket(Guid.CreateVersion7(), "R20261128-0002", T0));
        Assert.Throws<DomainException>(() => pending.LinkTicket(Guid.CreateVersion7(), "R20261128-0002", T0));
        Assert.Throws<DomainException>(() => maintenance.LinkTicket(Guid.CreateVersion7(), "R20261128-0002", T0));
        Assert.Equal("R20261128-0001", maintenance.TicketNumber);
    }

    [Theory]
    [InlineData("D20261128-0003", true)]
    [InlineData(" d20261128-0003 ", true)]
    [InlineData("D20261128-10000", true)]
    [InlineData("R20261128-0003", false)]
    [InlineData("D20261128-03", false)]
    [InlineData("D20261128-00003", false)]
    [InlineData("D20261332-0003", false)]
    public void Number_ParsesOnlyCanonicalText(string text, bool valid)
    {
        Assert.Equal(valid, DepartmentRequestNumber.TryParse(text, out var number));
        if (valid)
        {
            Assert.Equal(text.Trim().ToUpperInvariant(), number!.ToString());
        }
    }
}
