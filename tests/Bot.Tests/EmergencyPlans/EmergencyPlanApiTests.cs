using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Outbox;
using WechatLogistics.Bot.Tests.StaffWork;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Audience;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Incidents;
using WechatLogistics.Handlers.RepairTickets;

namespace WechatLogistics.Bot.Tests.EmergencyPlans;

/// <summary>The emergency plan endpoints over a running host: its outbox sends to the fake WeChat and WeCom APIs.</summary>
public sealed class EmergencyPlanApiTests
{
    private const string CustomSend = "/cgi-bin/message/custom/send";
    private const string WeComSend = "/cgi-bin/message/send";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/staff/plan-templates" },
        { "POST", "/api/staff/plan-templates" },
        { "PUT", $"/api/staff/plan-templates/{Guid.Empty}" },
        { "POST", $"/api/staff/incidents/{Guid.Empty}/plan" },
        { "GET", $"/api/staff/incidents/{Guid.Empty}/plan" },
        { "POST", $"/api/staff/incidents/{Guid.Empty}/plan/tasks/1/complete" },
        { "POST", $"/api/staff/incidents/{Guid.Empty}/plan/tasks/1/skip" },
        { "GET", $"/api/staff/incidents/{Guid.Empty}/timeline" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithoutToken_Is401(string method, string path)
    {
        await using var host = StaffHost.Create();

        var response = await host.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task StartedPlan_NoticeReachesOnlyTheBuildingsResidents_AndEachTaskReachesItsPeopleOnWeCom()
    {
        await using var bed = await OutboxTestBed.CreateAsync(redis: false);
        var host = bed.StartHost(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = "test-signing-key-0123456789-abcdefghijklmnop",
            ["WeCom:CorpId"] = "ww" + bed.AppId, ["WeCom:AgentId"] = "1000002", ["WeCom:Secret"] = "demo-wecom-secret",
        });
        await AddStaffAsync(bed.Database);
        var reporters = new[] { bed.User(1), bed.User(2), bed.User(3) };
        var (resident, westReporter, westResident, follower) = (bed.User(4), bed.User(5), bed.User(6), bed.User(7));
        await using (var db = bed.Database.CreateContext())
        {
            db.DormBindings.Add(DormBinding.Bind(resident, ReferenceDataSeed.LocationId("E-D01"), "302", DateTimeOffset.UtcNow));
            db.DormBindings.Add(DormBinding.Bind(westResident, ReferenceDataSeed.LocationId("W-D01"), "101", DateTimeOffset.UtcNow));
            db.Followers.AddRange([.. Enumerable.Range(1, 7).Select(i => new Follower(bed.User(i), DateTimeOffset.UtcNow, isFollowing: true))]);
            await db.SaveChangesAsync(Ct);
        }

        await bed.OpenWindowsAsync(host, Enumerable.Range(1, 7).Select(bed.User));
        var incidentId = await IncidentAsync(host, reporters, "WATER-LEAK", "E-D01");
        await ReportAsync(host, westReporter, "WATER-TAP", "W-D01");
        var client = Client(host, "disp.water", "dispatcher");

        var start = await client.PostAsJsonAsync($"/api/staff/incidents/{incidentId}/plan", new { expected = "今晚22:00" }, Ct);
        var started = await StaffHost.JsonAsync(start);
        await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        Assert.Equal(4, (int)started["noticeRecipients"]!);
        var notices = bed.Fake.State.Log.Snapshot()
            .Where(c => c.Path == CustomSend && c.ErrCode == 0 && c.Body.Contains("停水通知", StringComparison.Ordinal))
            .GroupBy(c => c.ToUser!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([.. reporters, resident], notices.Keys.Order(StringComparer.Ordinal));
        Assert.All(notices.Values, count => Assert.Equal(1, count));
        Assert.DoesNotContain(westReporter, notices.Keys);
        Assert.DoesNotContain(westResident, notices.Keys);
        Assert.DoesNotContain(follower, notices.Keys);
        var tasks = bed.Fake.State.Log.Snapshot()
            .Where(c => c.Path == WeComSend && c.ErrCode == 0 && c.Body.Contains("应急预案", StringComparison.Ordinal))
            .GroupBy(c => (string)JsonNode.Parse(c.Body)!["touser"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["wang"] = 2, ["zhao"] = 2, ["disp.water"] = 2, ["demo-staff"] = 1 }, tasks);
    }

    [Fact]
    public async Task PlanLifecycle_OverTheApi_WithItsErrors()
    {
        await using var host = StaffHost.Create();
        await AddStaffAsync(host);
        var water = await IncidentAsync(host, ["o-a", "o-b", "o-c"], "WATER-LEAK", "E-D01");
        var network = await IncidentAsync(host, ["o-d", "o-e", "o-f"], "NET-DOWN", "S-D01");
        var (dispatcher, wang, netLi, admin) =
            (Client(host, "disp.water", "dispatcher"), Client(host, "wang", "worker"), Client(host, "net.li", "worker"), Client(host, "demo-staff", "admin"));

        var byWorker = await wang.PostAsJsonAsync($"/api/staff/incidents/{water}/plan", new { }, Ct);
        var started = await dispatcher.PostAsJsonAsync($"/api/staff/incidents/{water}/plan", new { expected = "2小时内" }, Ct);
        var again = await admin.PostAsJsonAsync($"/api/staff/incidents/{water}/plan", new { }, Ct);
        var noTemplate = await admin.PostAsJsonAsync($"/api/staff/incidents/{network}/plan", new { }, Ct);
        var noPlan = await admin.GetAsync($"/api/staff/incidents/{network}/plan", Ct);
        var otherTeam = await StaffHost.PostAsync(netLi, $"/api/staff/incidents/{water}/plan/tasks/1/complete", new { note = "好了" });
        var done = await StaffHost.PostAsync(wang, $"/api/staff/incidents/{water}/plan/tasks/1/complete", new { note = "总阀已关" });
        var noReason = await StaffHost.PostAsync(admin, $"/api/staff/incidents/{water}/plan/tasks/3/skip", new { reason = "" });
        var tasksOpen = await StaffHost.PostAsync(admin, $"/api/staff/incidents/{water}/close", new { summary = "已恢复" });
        foreach (var (n, who) in new[] { (2, dispatcher), (4, wang), (5, dispatcher) })
        {
            Assert.Equal(HttpStatusCode.OK, (await StaffHost.PostAsync(who, $"/api/staff/incidents/{water}/plan/tasks/{n}/complete")).StatusCode);
        }

        var skipped = await StaffHost.PostAsync(admin, $"/api/staff/incidents/{water}/plan/tasks/3/skip", new { reason = "校内问题，无需联系供水公司" });
        var noSummary = await admin.PostAsync($"/api/staff/incidents/{water}/close", null, Ct);
        var plan = await StaffHost.JsonAsync(await wang.GetAsync($"/api/staff/incidents/{water}/plan", Ct));
        var closed = await StaffHost.PostAsync(admin, $"/api/staff/incidents/{water}/close", new { summary = "主管破裂，已更换" });
        var timeline = (await StaffHost.JsonAsync(await wang.GetAsync($"/api/staff/incidents/{water}/timeline", Ct))).AsArray();

        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal($"/api/staff/incidents/{water}/plan", started.Headers.Location?.OriginalString);
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "plan.already_started");
        await AssertProblemAsync(noTemplate, HttpStatusCode.UnprocessableEntity, "plan.template_required", "「网络」类事件没有对应的应急预案，请选择一个预案后再启动。");
        await AssertProblemAsync(noPlan, HttpStatusCode.NotFound, "plan.not_found");
        await AssertProblemAsync(otherTeam, HttpStatusCode.Forbidden, "plan.forbidden", "任务 1「关闭总阀，排查故障点」由维修工负责，你不能处理。");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(1, (int)(await StaffHost.JsonAsync(done))["finished"]!);
        await AssertProblemAsync(noReason, HttpStatusCode.UnprocessableEntity, "plan.reason_required");
        await AssertProblemAsync(tasksOpen, HttpStatusCode.Conflict, "plan.tasks_open");
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        await AssertProblemAsync(noSummary, HttpStatusCode.UnprocessableEntity, "plan.summary_required");
        Assert.Equal((5, 5, "2小时内"), ((int)plan["finished"]!, (int)plan["total"]!, (string?)plan["expected"]));
        Assert.Equal(("Done", "王师傅", "总阀已关"), ((string?)plan["tasks"]![0]!["status"], (string?)plan["tasks"]![0]!["finishedByName"], (string?)plan["tasks"]![0]!["note"]));
        Assert.Equal("Skipped", (string?)plan["tasks"]![2]!["status"]);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("Closed", (string?)(await StaffHost.JsonAsync(closed))["status"]);
        Assert.Equal(
            ["Opened", "PlanStarted", "Announced", "TaskDone", "TaskDone", "TaskDone", "TaskDone", "TaskSkipped", "Closed"],
            timeline.Select(e => (string?)e!["action"]));
        Assert.Equal("关闭事件，处置总结：主管破裂，已更换", (string?)timeline[^1]!["note"]);
    }

    [Fact]
    public async Task Templates_ListedForStaff_EditedByAdminsOnly_InvalidStepIs422()
    {
        await using var host = StaffHost.Create();
        await AddStaffAsync(host);
        var (wang, admin) = (Client(host, "wang", "worker"), Client(host, "demo-staff", "admin"));
        var flooding = ReferenceDataSeed.PlanTemplateId("FLOODING");
        var body = new
        {
            name = "漏水内涝应急预案", kind = "漏水/内涝", noticeTitle = "{building}漏水通知", noticeBody = "{building}漏水，预计{expected}处理完毕。",
            steps = new object[] { new { title = "关闭阀门", role = "Worker", deadlineMinutes = 15 }, new { title = "回访", role = "Dispatcher" } },
        };

        var list = (await StaffHost.JsonAsync(await wang.GetAsync("/api/staff/plan-templates", Ct))).AsArray();
        var byWorker = await wang.PutAsJsonAsync($"/api/staff/plan-templates/{flooding}", body, Ct);
        var updated = await admin.PutAsJsonAsync($"/api/staff/plan-templates/{flooding}", body, Ct);
        var invalid = await admin.PutAsJsonAsync($"/api/staff/plan-templates/{flooding}", body with { steps = new object[] { new { title = "", role = "Worker" } } }, Ct);
        var created = await StaffHost.PostAsync(admin, "/api/staff/plan-templates", new
        {
            code = "GAS-LEAK", name = "燃气泄漏应急预案", kind = "燃气泄漏", noticeTitle = "{building}燃气泄漏通知", noticeBody = "请立即撤离{building}。",
            steps = new object[] { new { title = "关闭燃气总阀", role = "Worker", teamId = ReferenceDataSeed.TeamId("WATER-ELEC") } },
        });

        Assert.Equal(4, list.Count);
        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2, (await StaffHost.JsonAsync(updated))["steps"]!.AsArray().Count);
        await AssertProblemAsync(invalid, HttpStatusCode.UnprocessableEntity, "plan_template.invalid", "步骤名称需要1到40个字。");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var after = (await StaffHost.JsonAsync(await wang.GetAsync("/api/staff/plan-templates", Ct))).AsArray();
        Assert.Equal(5, after.Count);
        Assert.Equal(2, after.Single(t => (string?)t!["code"] == "FLOODING")!["steps"]!.AsArray().Count);
    }

    internal static async Task AddStaffAsync(BotFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await AddStaffAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static async Task AddStaffAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        await AddStaffAsync(db);
    }

    private static async Task AddStaffAsync(AppDbContext db)
    {
        var water = ReferenceDataSeed.TeamId("WATER-ELEC");
        db.StaffMembers.AddRange(
            StaffMember.Create("wang", "王师傅", "1001", StaffRole.Worker, water),
            StaffMember.Create("zhao", "赵师傅", "1002", StaffRole.Worker, water),
            StaffMember.Create("net.li", "李工", "2001", StaffRole.Worker, ReferenceDataSeed.TeamId("NETWORK")),
            StaffMember.Create("disp.water", "水电调度", "9001", StaffRole.Dispatcher, water));
        await db.SaveChangesAsync(Ct);
    }

    internal static async Task<Guid> IncidentAsync(BotFactory host, IEnumerable<string> reporters, string category, string building)
    {
        Guid? incident = null;
        var last = Guid.Empty;
        foreach (var reporter in reporters)
        {
            last = await ReportAsync(host, reporter, category, building);
            incident = await host.Services.SendAsync(new DetectIncidentCommand(last)) ?? incident;
        }

        // The outbox runs the same detection in the background (IncidentCheck); when the two race, the one sent here can
        // come back empty while the other is opening the incident. Detection is idempotent: ask again for the last report.
        for (var i = 0; incident is null && i < 50; i++)
        {
            await Task.Delay(100, Ct);
            incident = await host.Services.SendAsync(new DetectIncidentCommand(last));
        }

        return incident ?? throw new InvalidOperationException("No incident opened.");
    }

    private static async Task<Guid> ReportAsync(BotFactory host, string reporter, string category, string building) =>
        (await host.Services.SendAsync(new OpenRepairTicketCommand(
            reporter, ReferenceDataSeed.CategoryId(category), ReferenceDataSeed.LocationId(building), null, "坏了", [], null, Guid.NewGuid().ToString("N")))).TicketId;

    internal static HttpClient Client(BotFactory host, string userId, string role)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StaffHost.Token(host, userId, role));
        return client;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? title = null)
    {
        var problem = await StaffHost.JsonAsync(response);
        Assert.Equal((status, code), (response.StatusCode, (string?)problem["code"]));
        if (title is not null)
        {
            Assert.Equal(title, (string?)problem["title"]);
        }
    }
}
