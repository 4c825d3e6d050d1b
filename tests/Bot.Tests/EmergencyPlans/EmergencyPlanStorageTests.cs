using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Sla;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.EmergencyPlans;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.EmergencyPlans;
using WechatLogistics.Handlers.Incidents;

namespace WechatLogistics.Bot.Tests.EmergencyPlans;

/// <summary>Starting, working and closing a plan through the handlers over real SQLite and PostgreSQL.</summary>
public sealed class EmergencyPlanStorageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StartPlan_TasksForTheRoles_PeopleToldOnWeCom_NoticeToTheBuildingOnly(DatabaseProvider provider)
    {
        await using var desk = await PlanDesk.CreateAsync(provider);
        var incidentId = await PlanDesk.IncidentAsync(desk);
        await desk.OpenAsync("WATER-TAP", "W-D01", "o-west-1"); // a reporter of another building
        await PlanDesk.BindDormAsync(desk, "o-resident", "E-D01");
        await PlanDesk.BindDormAsync(desk, "o-west-2", "W-D01");

        var started = await desk.SendAsync(new StartEmergencyPlanCommand(incidentId, PlanDesk.WaterDispatcher, null, "今晚22:00"));

        var plan = started.Plan;
        Assert.Equal(("停水应急预案", 0, 5), (plan.Name, plan.Finished, plan.Total));
        Assert.Equal(
            [("关闭总阀，排查故障点", StaffRole.Worker, "水电班"), ("通知住户，设置临时供水点", StaffRole.Dispatcher, "水电班"), ("联系供水公司", StaffRole.Admin, null),
             ("恢复后检查水压和水质", StaffRole.Worker, "水电班"), ("回访住户", StaffRole.Dispatcher, "水电班")],
            plan.Tasks.Select(t => (t.Title, t.Role, t.Team)));
        Assert.Equal(["王师傅", "赵师傅"], plan.Tasks[0].People);
        Assert.Equal(["总调度", "水电调度"], plan.Tasks[1].People);
        Assert.Equal(["后勤办演示账号"], plan.Tasks[2].People);
        Assert.Equal(PlanDesk.Start.AddMinutes(3).AddMinutes(30), plan.Tasks[0].DueAt);

        var wecom = (await desk.OutboxAsync(OutboxChannel.WeComApp)).Where(m => m.IdempotencyKey.Contains("plan-task:", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [(PlanDesk.Admin, 1), (PlanDesk.CampusDispatcher, 2), (PlanDesk.WaterDispatcher, 2), (PlanDesk.Wang, 2), (PlanDesk.Zhao, 2)],
            wecom.GroupBy(m => m.Recipient).Select(g => (g.Key, g.Count())).OrderBy(x => x.Key, StringComparer.Ordinal));
        var first = OutboxJsonContext.Deserialize(wecom.Single(m => m.Recipient == PlanDesk.Wang && m.IdempotencyKey.EndsWith(":1", StringComparison.Ordinal)).Payload).Text;
        Assert.StartsWith("【应急预案】东区学生公寓1号楼停水应急预案\n你的任务 1：关闭总阀，排查故障点\n期限：03-02 10:33", first, StringComparison.Ordinal);

        var notices = await NoticesAsync(desk, started.AnnouncementId);
        Assert.Equal(["o-e1-0", "o-e1-1", "o-e1-2", "o-resident"], notices.Select(n => n.Recipient).Order(StringComparer.Ordinal));
        Assert.Equal(4, started.NoticeRecipients);
        var notice = OutboxJsonContext.Deserialize(notices[0].Payload);
        Assert.Equal("东区学生公寓1号楼停水通知", notice.Title);
        Assert.Contains("预计今晚22:00恢复", notice.Text, StringComparison.Ordinal);

        var timeline = await desk.QueryAsync(new GetIncidentTimelineQuery(incidentId));
        Assert.Equal([IncidentTimelineAction.Opened, IncidentTimelineAction.PlanStarted, IncidentTimelineAction.Announced], timeline.Select(e => e.Action));
        Assert.Equal("水电调度", timeline[1].Actor);
        var summary = Assert.Single(await desk.QueryAsync(new ListOpenIncidentsQuery()));
        Assert.Equal(new PlanProgress("停水应急预案", 0, 5, true), summary.Plan);
        Assert.Equal(started.AnnouncementId, summary.AnnouncementId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StartPlanTwice_AndStartWithoutATemplate_AreRefused_AndChangeNothing(DatabaseProvider provider)
    {
        await using var desk = await PlanDesk.CreateAsync(provider);
        var water = await PlanDesk.IncidentAsync(desk);
        var network = await PlanDesk.IncidentAsync(desk, "NET-DOWN", "S-D01", "o-s1-");
        await desk.SendAsync(new StartEmergencyPlanCommand(water, PlanDesk.WaterDispatcher, null, null));
        var before = await CountsAsync(desk);

        var twice = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new StartEmergencyPlanCommand(water, PlanDesk.Admin, null, null)));
        var noTemplate = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new StartEmergencyPlanCommand(network, PlanDesk.Admin, null, null)));
        var byWorker = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new StartEmergencyPlanCommand(network, PlanDesk.Wang, null, null)));

        Assert.Equal("plan.already_started", twice.Code);
        Assert.Equal("plan.template_required", noTemplate.Code);
        Assert.Equal("「网络」类事件没有对应的应急预案，请选择一个预案后再启动。", noTemplate.Message);
        Assert.Equal("staff.forbidden", byWorker.Code);
        Assert.Equal(before, await CountsAsync(desk));
        Assert.Equal([IncidentTimelineAction.Opened], (await desk.QueryAsync(new GetIncidentTimelineQuery(network))).Select(e => e.Action));

        // Staff may pick a plan for a trade without one.
        var flooding = await desk.SendAsync(new StartEmergencyPlanCommand(network, PlanDesk.Admin, ReferenceDataSeed.PlanTemplateId("FLOODING"), null));
        Assert.Equal("漏水内涝应急预案", flooding.Plan.Name);
        Assert.Equal(["王师傅", "赵师傅"], flooding.Plan.Tasks[0].People); // a step for 水电班 by name, whatever the incident's team
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TwoStaffStartAtOnce_ExactlyOnePlan(DatabaseProvider provider)
    {
        await using var desk = await PlanDesk.CreateAsync(provider);
        var incidentId = await PlanDesk.IncidentAsync(desk);

        var attempts = await Task.WhenAll(new[] { PlanDesk.WaterDispatcher, PlanDesk.CampusDispatcher, PlanDesk.Admin }.Select(who =>
            Task.Run(async () => await Record.ExceptionAsync(() => desk.SendAsync(new StartEmergencyPlanCommand(incidentId, who, null, null))))));

        Assert.Single(attempts, e => e is null);
        Assert.All(attempts.Where(e => e is not null), e => Assert.Equal("plan.already_started", Assert.IsType<DomainException>(e).Code));
        await using var db = desk.Database.CreateContext();
        Assert.Equal(1, await db.EmergencyPlans.CountAsync(Ct));
        Assert.Equal(1, await db.Announcements.CountAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Tasks_ByTheirRolesOnly_ThenCloseNeedsEveryTaskAndASummary_AndTheTimelineHasEveryStep(DatabaseProvider provider)
    {
        await using var desk = await PlanDesk.CreateAsync(provider);
        var id = await PlanDesk.IncidentAsync(desk);
        await desk.SendAsync(new StartEmergencyPlanCommand(id, PlanDesk.WaterDispatcher, null, null));

        var wrongTeam = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new CompletePlanTaskCommand(id, 1, PlanDesk.NetLi, null)));
        var wrongRole = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new CompletePlanTaskCommand(id, 3, PlanDesk.WaterDispatcher, null)));
        await desk.SendAsync(new CompletePlanTaskCommand(id, 1, PlanDesk.Wang, "总阀已关，三楼主管破裂"));
        await desk.SendAsync(new CompletePlanTaskCommand(id, 2, PlanDesk.WaterDispatcher, null));
        desk.Clock.Advance(TimeSpan.FromMinutes(10));
        await desk.SendAsync(new SkipPlanTaskCommand(id, 3, PlanDesk.Admin, "校内管道问题，无需联系供水公司"));
        var noReason = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new SkipPlanTaskCommand(id, 4, PlanDesk.Zhao, null)));
        await desk.SendAsync(new CompletePlanTaskCommand(id, 4, PlanDesk.Zhao, null));
        var tasksOpen = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new CloseIncidentCommand(id, PlanDesk.Admin, "已恢复")));
        var progress = await desk.SendAsync(new CompletePlanTaskCommand(id, 5, PlanDesk.CampusDispatcher, "住户反馈正常"));
        var noSummary = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new CloseIncidentCommand(id, PlanDesk.Admin)));
        var closed = await desk.SendAsync(new CloseIncidentCommand(id, PlanDesk.Admin, "三楼主管破裂，更换后恢复供水，历时3小时"));

        Assert.Equal(("plan.forbidden", "plan.forbidden", "plan.reason_required"), (wrongTeam.Code, wrongRole.Code, noReason.Code));
        Assert.Equal(("plan.tasks_open", "plan.summary_required"), (tasksOpen.Code, noSummary.Code));
        Assert.Equal((5, 5), (progress.Finished, progress.Total));
        Assert.Equal(("王师傅", "总阀已关，三楼主管破裂"), (progress.Tasks[0].FinishedByName, progress.Tasks[0].Note));
        Assert.Equal((PlanTaskStatus.Skipped, "后勤办演示账号"), (progress.Tasks[2].Status, progress.Tasks[2].FinishedByName));
        Assert.Equal((IncidentStatus.Closed, new PlanProgress("停水应急预案", 5, 5, false)), (closed.Status, closed.Plan));
        var plan = await desk.QueryAsync(new GetEmergencyPlanQuery(id));
        Assert.Equal("三楼主管破裂，更换后恢复供水，历时3小时", plan.Summary);
        var timeline = await desk.QueryAsync(new GetIncidentTimelineQuery(id));
        Assert.Equal(
            [IncidentTimelineAction.Opened, IncidentTimelineAction.PlanStarted, IncidentTimelineAction.Announced,
             IncidentTimelineAction.TaskDone, IncidentTimelineAction.TaskDone, IncidentTimelineAction.TaskSkipped, IncidentTimelineAction.TaskDone,
             IncidentTimelineAction.TaskDone, IncidentTimelineAction.Closed],
            timeline.Select(e => e.Action));
        Assert.Equal([null, null, null, 1, 2, 3, 4, 5, null], timeline.Select(e => e.TaskNumber));
        Assert.Equal("完成任务 1「关闭总阀，排查故障点」：总阀已关，三楼主管破裂", timeline[3].Note);
        Assert.Equal(("后勤办演示账号", "关闭事件，处置总结：三楼主管破裂，更换后恢复供水，历时3小时"), (timeline[^1].Actor, timeline[^1].Note));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Templates_SeededAndEditedByAdmins_StepsRoundTrip(DatabaseProvider provider)
    {
        await using var desk = await PlanDesk.CreateAsync(provider);
        var seeded = await desk.QueryAsync(new ListPlanTemplatesQuery(PlanDesk.Wang));
        var water = seeded.Single(t => t.Code == "WATER-OUTAGE");
        PlanStep[] steps = [new("关闭总阀", StaffRole.Worker, null, 20), new("抢修", StaffRole.Worker, ReferenceDataSeed.TeamId("GENERAL"), null), new("回访", StaffRole.Dispatcher, null, 1440)];
        var input = new PlanTemplateInput("停水预案（夜间）", "停水", water.CategoryId, true, "{building}停水", "{building}停水，预计{expected}恢复。", steps);

        var byWorker = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new UpdatePlanTemplateCommand(PlanDesk.Wang, water.Id, input)));
        var updated = await desk.SendAsync(new UpdatePlanTemplateCommand(PlanDesk.Admin, water.Id, input));
        var secondForWater = await Assert.ThrowsAsync<DomainException>(() => desk.SendAsync(new CreatePlanTemplateCommand(PlanDesk.Admin, "WATER-NIGHT", input)));
        var created = await desk.SendAsync(new CreatePlanTemplateCommand(PlanDesk.Admin, "gas-leak", input with { Name = "燃气泄漏应急预案", Kind = "燃气", CategoryId = null, AutoStart = false }));

        Assert.Equal(["FLOODING", "HEATING-FAILURE", "POWER-OUTAGE", "WATER-OUTAGE"], seeded.Select(t => t.Code));
        Assert.Equal("staff.forbidden", byWorker.Code);
        Assert.Equal("plan_template.duplicate", secondForWater.Code);
        Assert.Equal("GAS-LEAK", created.Code);
        var stored = (await desk.QueryAsync(new ListPlanTemplatesQuery(PlanDesk.Admin))).Single(t => t.Id == water.Id);
        Assert.Equal(("停水预案（夜间）", true), (stored.Name, stored.AutoStart));
        Assert.Equal(steps, stored.Steps);
        Assert.Equal(5, (await desk.QueryAsync(new ListPlanTemplatesQuery(PlanDesk.Admin))).Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, true)]
    [InlineData(DatabaseProvider.Sqlite, false)]
    [InlineData(DatabaseProvider.Postgres, true)]
    public async Task AutoStart_WhenOn_ANewIncidentStartsItsTradesAutoStartPlanOnce_AsSystem(DatabaseProvider provider, bool on)
    {
        await using var desk = await PlanDesk.CreateAsync(provider, new Dictionary<string, string?> { ["Plans:AutoStart"] = on ? "true" : "false" });
        var water = (await desk.QueryAsync(new ListPlanTemplatesQuery(PlanDesk.Admin))).Single(t => t.Code == "WATER-OUTAGE");
        await desk.SendAsync(new UpdatePlanTemplateCommand(PlanDesk.Admin, water.Id, new PlanTemplateInput(
            water.Name, water.Kind, water.CategoryId, true, water.NoticeTitle, water.NoticeBody, water.Steps)));
        var network = await PlanDesk.IncidentAsync(desk, "NET-DOWN", "S-D01", "o-s1-");

        var id = await PlanDesk.IncidentAsync(desk);
        var queued = await desk.OutboxAsync(OutboxChannel.PlanAutoStart);

        Assert.Equal(on ? 2 : 0, queued.Count); // one per new incident, whatever its trade
        var first = await desk.SendAsync(new AutoStartEmergencyPlanCommand(id));
        var again = await desk.SendAsync(new AutoStartEmergencyPlanCommand(id));
        var noTemplate = await desk.SendAsync(new AutoStartEmergencyPlanCommand(network));
        Assert.Equal((on, false, false), (first, again, noTemplate));
        await using var db = desk.Database.CreateContext();
        var plans = await db.EmergencyPlans.AsNoTracking().ToListAsync(Ct);
        if (on)
        {
            var plan = Assert.Single(plans);
            Assert.Equal((id, Incident.SystemActor, 5), (plan.IncidentId, plan.StartedBy, plan.Tasks.Count));
            Assert.Equal(3, await db.OutboxMessages.CountAsync(m => m.CorrelationId != null, Ct)); // the notice, to the building's three reporters
        }
        else
        {
            Assert.Empty(plans);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task WeComChat_ListsMyOpenTasks_AndFinishesOneByNumber(DatabaseProvider provider)
    {
        await using var desk = await PlanDesk.CreateAsync(provider);
        var id = await PlanDesk.IncidentAsync(desk);
        await desk.SendAsync(new StartEmergencyPlanCommand(id, PlanDesk.WaterDispatcher, null, null));

        var listed = await ChatAsync(desk, PlanDesk.Wang, "任务");
        var done = await ChatAsync(desk, PlanDesk.Wang, "完成任务 1 总阀已关");
        var notMine = await ChatAsync(desk, PlanDesk.Wang, "完成任务 2");
        var after = await ChatAsync(desk, PlanDesk.Wang, "我的任务");
        var netLi = await ChatAsync(desk, PlanDesk.NetLi, "任务");

        Assert.StartsWith("你的应急预案任务：\n1. 关闭总阀，排查故障点（东区学生公寓1号楼停水应急预案） 期限 ", listed, StringComparison.Ordinal);
        Assert.Contains("\n4. 恢复后检查水压和水质（东区学生公寓1号楼停水应急预案）", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("回访住户", listed, StringComparison.Ordinal);
        Assert.Equal("已完成任务 1「关闭总阀，排查故障点」（东区学生公寓1号楼停水应急预案）。", done);
        Assert.Equal("你没有待办的预案任务 2。发送“任务”查看。", notMine);
        Assert.DoesNotContain("1. 关闭总阀", after, StringComparison.Ordinal);
        Assert.Equal("你暂时没有待办的应急预案任务。", netLi);
        var plan = await desk.QueryAsync(new GetEmergencyPlanQuery(id));
        Assert.Equal((PlanTaskStatus.Done, "wang", "总阀已关"), (plan.Tasks[0].Status, plan.Tasks[0].FinishedBy, plan.Tasks[0].Note));
    }

    private static async Task<string> ChatAsync(StaffDesk desk, string user, string text)
    {
        var reply = await desk.SendAsync(new Handlers.StaffChat.HandleStaffChatMessageCommand(
            new Handlers.Conversations.ChatInput("wecom", user, Handlers.Conversations.ChatInputKind.Text, desk.Clock.GetUtcNow()) { Text = text }));
        return Assert.IsType<Handlers.Conversations.TextChatReply>(reply).Content;
    }

    private static async Task<List<OutboxMessage>> NoticesAsync(StaffDesk desk, Guid announcementId)
    {
        await using var db = desk.Database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.CorrelationId == announcementId).ToListAsync(Ct);
    }

    private static async Task<(int Plans, int Announcements, int Outbox, int Timeline)> CountsAsync(StaffDesk desk)
    {
        await using var db = desk.Database.CreateContext();
        return (await db.EmergencyPlans.CountAsync(Ct), await db.Announcements.CountAsync(Ct), await db.OutboxMessages.CountAsync(Ct),
            await db.Incidents.SelectMany(i => i.Timeline).CountAsync(Ct));
    }
}
