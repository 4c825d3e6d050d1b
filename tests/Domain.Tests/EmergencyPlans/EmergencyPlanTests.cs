using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.EmergencyPlans;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.Staff;

namespace WechatLogistics.Domain.Tests.EmergencyPlans;

public sealed class EmergencyPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid WaterTeam = ReferenceDataSeed.TeamId("WATER-ELEC");
    private static readonly Guid NetTeam = ReferenceDataSeed.TeamId("NETWORK");

    private static readonly StaffMember Worker = StaffMember.Create("wang", "王师傅", "1001", StaffRole.Worker, WaterTeam);
    private static readonly StaffMember NetWorker = StaffMember.Create("net.li", "李工", "2001", StaffRole.Worker, NetTeam);
    private static readonly StaffMember WaterDispatcher = StaffMember.Create("disp.water", "水电调度", "9001", StaffRole.Dispatcher, WaterTeam);
    private static readonly StaffMember NetDispatcher = StaffMember.Create("disp.net", "网络调度", "9002", StaffRole.Dispatcher, NetTeam);
    private static readonly StaffMember CampusDispatcher = StaffMember.Create("disp.all", "总调度", "9000", StaffRole.Dispatcher, null);
    private static readonly StaffMember Admin = StaffMember.Create("admin", "管理员", "0001", StaffRole.Admin, null);

    private static PlanTemplate WaterPlan => ReferenceDataSeed.CreatePlanTemplates().Single(t => t.Code == "WATER-OUTAGE");

    [Fact]
    public void StartPlan_CopiesEveryStepAsAnOpenTaskForItsRole_WithDeadlinesAndPeople_AndRecordsIt()
    {
        var incident = NewIncident();

        var plan = incident.StartPlan(WaterPlan, Assignments(WaterPlan), "今晚22:00", "disp.water", Now);

        Assert.Same(plan, incident.Plan);
        Assert.Equal([1, 2, 3, 4, 5], plan.Tasks.Select(t => t.Number));
        Assert.Equal(
            [StaffRole.Worker, StaffRole.Dispatcher, StaffRole.Admin, StaffRole.Worker, StaffRole.Dispatcher],
            plan.Tasks.Select(t => t.Role));
        Assert.All(plan.Tasks, t => Assert.Equal(PlanTaskStatus.Open, t.Status));
        Assert.Equal(Now.AddMinutes(30), plan.Tasks[0].DueAt);
        Assert.Null(plan.Tasks[3].DueAt);
        Assert.Equal(["wang", "zhao"], plan.Tasks[0].People);
        Assert.Equal("今晚22:00", plan.Expected);
        var entry = Assert.Single(incident.Timeline, e => e.Action == IncidentTimelineAction.PlanStarted);
        Assert.Contains("1. 关闭总阀，排查故障点（维修工）", entry.Note, StringComparison.Ordinal);
        var started = Assert.IsType<EmergencyPlanStarted>(incident.DomainEvents[^1]);
        Assert.Equal(5, started.Tasks.Count);
    }

    [Fact]
    public void StartPlan_Twice_IsRefused_AndTheFirstPlanStays()
    {
        var incident = NewIncident();
        var first = incident.StartPlan(WaterPlan, Assignments(WaterPlan), null, "disp.water", Now);

        var error = Assert.Throws<DomainException>(() => incident.StartPlan(WaterPlan, Assignments(WaterPlan), null, "admin", Now.AddMinutes(1)));

        Assert.Equal("plan.already_started", error.Code);
        Assert.Same(first, incident.Plan);
        Assert.Single(incident.Timeline, e => e.Action == IncidentTimelineAction.PlanStarted);
    }

    [Theory]
    [InlineData(1, "wang", true)] // a worker task of 水电班
    [InlineData(1, "net.li", false)] // a worker of another team
    [InlineData(1, "disp.water", false)] // a dispatcher is not a worker
    [InlineData(1, "admin", true)] // admins hold every role
    [InlineData(2, "disp.water", true)]
    [InlineData(2, "disp.all", true)] // a dispatcher without a team dispatches for every team
    [InlineData(2, "disp.net", false)]
    [InlineData(2, "wang", false)]
    [InlineData(3, "disp.water", false)] // an admin task
    public void FinishTask_OnlyBySomeoneHoldingItsRole(int number, string who, bool allowed)
    {
        var incident = NewIncident();
        incident.StartPlan(WaterPlan, Assignments(WaterPlan), null, "disp.water", Now);
        var member = new[] { Worker, NetWorker, WaterDispatcher, NetDispatcher, CampusDispatcher, Admin }.Single(m => m.UserId == who);

        var attempt = Record.Exception(() => incident.CompleteTask(number, member, "已处理", Now.AddMinutes(5)));

        if (allowed)
        {
            Assert.Null(attempt);
            Assert.Equal((PlanTaskStatus.Done, who), (incident.Plan!.Tasks[number - 1].Status, incident.Plan.Tasks[number - 1].FinishedBy));
            Assert.Contains(incident.Timeline, e => e.Action == IncidentTimelineAction.TaskDone && e.TaskNumber == number && e.ActorId == who);
        }
        else
        {
            Assert.Equal("plan.forbidden", Assert.IsType<DomainException>(attempt).Code);
            Assert.Equal(PlanTaskStatus.Open, incident.Plan!.Tasks[number - 1].Status);
            Assert.DoesNotContain(incident.Timeline, e => e.Action == IncidentTimelineAction.TaskDone);
        }
    }

    [Fact]
    public void SkipTask_NeedsAReason_AndAFinishedTaskCannotBeFinishedAgain()
    {
        var incident = NewIncident();
        incident.StartPlan(WaterPlan, Assignments(WaterPlan), null, "disp.water", Now);

        var noReason = Assert.Throws<DomainException>(() => incident.SkipTask(3, Admin, "  ", Now));
        incident.SkipTask(3, Admin, "校内管道问题，无需联系供水公司", Now);
        var again = Assert.Throws<DomainException>(() => incident.CompleteTask(3, Admin, null, Now));

        Assert.Equal("plan.reason_required", noReason.Code);
        Assert.Equal("plan_task.finished", again.Code);
        Assert.Equal((PlanTaskStatus.Skipped, "校内管道问题，无需联系供水公司"), (incident.Plan!.Tasks[2].Status, incident.Plan.Tasks[2].Note));
        Assert.Equal("跳过任务 3「联系供水公司」，原因：校内管道问题，无需联系供水公司", incident.Timeline[^1].Note);
        Assert.Equal("plan_task.not_found", Assert.Throws<DomainException>(() => incident.CompleteTask(9, Admin, null, Now)).Code);
    }

    [Fact]
    public void Close_WithARunningPlan_NeedsEveryTaskFinishedAndASummary()
    {
        var incident = NewIncident();
        incident.StartPlan(WaterPlan, Assignments(WaterPlan), null, "disp.water", Now);
        for (var n = 1; n <= 4; n++)
        {
            incident.CompleteTask(n, Admin, null, Now);
        }

        var tasksOpen = Assert.Throws<DomainException>(() => incident.Close("admin", "已恢复供水", Now));
        incident.SkipTask(5, CampusDispatcher, "住户已确认恢复，无需回访", Now);
        var oldClose = Assert.Throws<DomainException>(() => incident.Close("admin", Now));
        var noSummary = Assert.Throws<DomainException>(() => incident.Close("admin", " ", Now));
        Assert.Equal(IncidentStatus.Open, incident.Status);
        incident.Close("admin", "主管爆裂，更换后恢复供水", Now.AddHours(3));

        Assert.Equal("plan.tasks_open", tasksOpen.Code);
        Assert.Contains("5「回访住户」", tasksOpen.Message, StringComparison.Ordinal);
        Assert.Equal("plan.summary_required", oldClose.Code);
        Assert.Equal("plan.summary_required", noSummary.Code);
        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.Equal(("主管爆裂，更换后恢复供水", Now.AddHours(3)), (incident.Plan!.Summary, incident.Plan.ClosedAt));
        Assert.False(incident.Plan.IsRunning);
        Assert.Equal("关闭事件，处置总结：主管爆裂，更换后恢复供水", incident.Timeline[^1].Note);
        Assert.Equal(
            [IncidentTimelineAction.Opened, IncidentTimelineAction.PlanStarted, .. Enumerable.Repeat(IncidentTimelineAction.TaskDone, 4), IncidentTimelineAction.TaskSkipped, IncidentTimelineAction.Closed],
            incident.Timeline.Select(e => e.Action));
        Assert.Equal("incident.closed", Assert.Throws<DomainException>(() => incident.CompleteTask(1, Admin, null, Now)).Code);
    }

    [Fact]
    public void Close_WithoutAPlan_TheSummaryIsOptional()
    {
        var incident = NewIncident();

        incident.Close("admin", Now);

        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.Equal("关闭事件", incident.Timeline[^1].Note);
    }

    [Fact]
    public void RenderNotice_FillsTheBuildingAndTheExpectedTime_OrSaysSoon()
    {
        var (title, body) = WaterPlan.RenderNotice("东区学生公寓1号楼", "今晚22:00前");
        var (_, soon) = WaterPlan.RenderNotice("东区学生公寓1号楼", null);

        Assert.Equal("东区学生公寓1号楼停水通知", title);
        Assert.StartsWith("因供水管道故障，东区学生公寓1号楼暂时停水，预计今晚22:00前恢复。", body, StringComparison.Ordinal);
        Assert.Contains("预计尽快恢复", soon, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 30, false, "步骤名称")]
    [InlineData("关闭总阀", 0, false, "期限")]
    [InlineData("关闭总阀", 30, true, "自动启动")]
    public void TemplateUpdate_WithAnInvalidStep_IsRefused_AndChangesNothing(string title, int minutes, bool autoStartWithoutCategory, string message)
    {
        var template = WaterPlan;
        PlanStep[] steps = [new(title, StaffRole.Worker, null, minutes)];

        var error = Assert.Throws<DomainException>(() => template.Update(
            "新名称", "停水", autoStartWithoutCategory ? null : template.CategoryId, autoStartWithoutCategory, "标题", "正文", steps));

        Assert.Equal("plan_template.invalid", error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(("停水应急预案", 5), (template.Name, template.Steps.Count));
    }

    [Fact]
    public void SeededTemplates_HaveFourToSixStepsInChinese_AndMapWaterElecAndAcToTheirTrades()
    {
        var templates = ReferenceDataSeed.CreatePlanTemplates();

        Assert.Equal(["WATER-OUTAGE", "POWER-OUTAGE", "HEATING-FAILURE", "FLOODING"], templates.Select(t => t.Code));
        Assert.All(templates, t => Assert.InRange(t.Steps.Count, 4, 6));
        Assert.Equal(
            [ReferenceDataSeed.CategoryId("WATER"), ReferenceDataSeed.CategoryId("ELEC"), ReferenceDataSeed.CategoryId("AC"), null],
            templates.Select(t => t.CategoryId));
        Assert.All(templates, t => Assert.Contains(PlanTemplate.BuildingPlaceholder, t.NoticeBody, StringComparison.Ordinal));
    }

    private static Incident NewIncident() =>
        Incident.Open(ReferenceDataSeed.CategoryId("WATER"), ReferenceDataSeed.LocationId("E-D01"), [(Guid.NewGuid(), Now.AddMinutes(-10))], Now);

    private static PlanAssignment[] Assignments(PlanTemplate template) =>
    [
        .. template.Steps.Select(s => s.Role switch
        {
            StaffRole.Worker => new PlanAssignment(WaterTeam, ["wang", "zhao"]),
            StaffRole.Dispatcher => new PlanAssignment(WaterTeam, ["disp.water", "disp.all"]),
            _ => new PlanAssignment(null, ["admin"]),
        }),
    ];
}
