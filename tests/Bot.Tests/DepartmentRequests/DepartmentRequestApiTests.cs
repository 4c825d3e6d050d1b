using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.StaffWork;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.StaffAdmin;

namespace WechatLogistics.Bot.Tests.DepartmentRequests;

/// <summary>The staff API over the real host with tokens: the chain, refusals as ProblemDetails, notices in the outbox, the report.</summary>
public sealed class DepartmentRequestApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>科员审核 by clerk for every request, 主任审批 by head from 5000 yuan.</summary>
    public static readonly Dictionary<string, string?> Chain = new()
    {
        ["DepartmentRequests:Chain:0:Name"] = "科员审核",
        ["DepartmentRequests:Chain:0:Role"] = "",
        ["DepartmentRequests:Chain:0:UserIds"] = RequestDesk.Clerk,
        ["DepartmentRequests:Chain:1:Name"] = "主任审批",
        ["DepartmentRequests:Chain:1:Role"] = "",
        ["DepartmentRequests:Chain:1:UserIds"] = RequestDesk.Head,
        ["DepartmentRequests:Chain:1:MinCost"] = "5000",
    };

    public static async Task<BotFactory> HostAsync()
    {
        var host = StaffHost.Create(Chain);
        await StaffHost.AddWorkersAsync(host);
        await host.Services.SendAsync(new CreateStaffMemberCommand("demo-staff", RequestDesk.Clerk, "后勤办科员", "C001", StaffRole.Dispatcher, null));
        await host.Services.SendAsync(new CreateStaffMemberCommand("demo-staff", RequestDesk.Head, "后勤办主任", "H001", StaffRole.Dispatcher, null));
        return host;
    }

    private static object Body(decimal cost, string kind = "Maintenance", Guid? department = null, string? wanted = null) => new
    {
        departmentId = department ?? RequestDesk.Cs,
        kind,
        description = "报告厅音响线路老化，需要更换",
        place = "图书馆报告厅",
        estimatedCost = cost,
        wantedDate = wanted ?? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(10).ToString("yyyy-MM-dd"),
    };

    [Fact]
    public async Task TwoStepChain_OverTheApi_WithRefusalsAsProblemDetails_AndTheTicketAtTheEnd()
    {
        await using var host = await HostAsync();
        var admin = StaffHost.Client(host, "demo-staff", "admin");
        var clerk = StaffHost.Client(host, RequestDesk.Clerk, "dispatcher");
        var head = StaffHost.Client(host, RequestDesk.Head, "dispatcher");
        var worker = StaffHost.Client(host, "wang", "worker");

        var filed = await StaffHost.PostAsync(admin, "/api/staff/department-requests", Body(6800m));
        var number = (string)(await StaffHost.JsonAsync(filed))["number"]!;
        var byHead = await StaffHost.PostAsync(head, $"/api/staff/department-requests/{number}/approve", new { step = 1 });
        var byWorker = await StaffHost.PostAsync(worker, $"/api/staff/department-requests/{number}/approve", new { step = 1 });
        var first = await StaffHost.PostAsync(clerk, $"/api/staff/department-requests/{number}/approve", new { comment = "情况属实", step = 1 });
        var resent = await StaffHost.PostAsync(clerk, $"/api/staff/department-requests/{number}/approve", new { comment = "情况属实", step = 1 });
        var clerkSecond = await StaffHost.PostAsync(clerk, $"/api/staff/department-requests/{number}/approve", new { step = 2 });
        var rejectWithoutComment = await StaffHost.PostAsync(head, $"/api/staff/department-requests/{number}/reject", new { step = 2 });
        var awaitingHead = await StaffHost.JsonAsync(await head.GetAsync("/api/staff/department-requests?awaitingMe=true", Ct));
        var final = await StaffHost.PostAsync(head, $"/api/staff/department-requests/{number}/approve", new { step = 2 });
        var details = await StaffHost.JsonAsync(await clerk.GetAsync($"/api/staff/department-requests/{number}", Ct));

        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byHead.StatusCode);
        Assert.Contains("当前步骤「科员审核」不由你审批", (string?)(await StaffHost.JsonAsync(byHead))["title"]);
        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(("Submitted", "主任审批"), ((string?)(await StaffHost.JsonAsync(first))["status"], (string?)(await StaffHost.JsonAsync(first))["nextStep"]));
        Assert.Equal(HttpStatusCode.Conflict, resent.StatusCode);
        Assert.Equal("department_request.step_decided", (string?)(await StaffHost.JsonAsync(resent))["code"]);
        Assert.Equal(HttpStatusCode.Forbidden, clerkSecond.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rejectWithoutComment.StatusCode);
        Assert.Equal(number, (string?)awaitingHead["items"]![0]!["number"]);
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        var ticketNumber = (string?)(await StaffHost.JsonAsync(final))["ticketNumber"];
        Assert.StartsWith("R", ticketNumber, StringComparison.Ordinal);
        Assert.Equal(
            ["Submitted", "StepApproved", "StepApproved", "TicketOpened"],
            details["timeline"]!.AsArray().Select(e => (string?)e!["action"]));
        Assert.Equal("情况属实", (string?)details["timeline"]![1]!["comment"]);
        var ticket = await admin.GetAsync($"/api/staff/tickets/{ticketNumber}", Ct);
        Assert.Equal(HttpStatusCode.OK, ticket.StatusCode);
    }

    [Fact]
    public async Task EachStep_AlertsItsApprovers_AndTheFilerHearsOfEachDecision()
    {
        await using var host = await HostAsync();
        var clerk = StaffHost.Client(host, RequestDesk.Clerk, "dispatcher");
        var head = StaffHost.Client(host, RequestDesk.Head, "dispatcher");
        var filed = await StaffHost.PostAsync(StaffHost.Client(host, "demo-staff", "admin"), "/api/staff/department-requests", Body(12000m, "Purchase"));
        var number = (string)(await StaffHost.JsonAsync(filed))["number"]!;

        await StaffHost.PostAsync(clerk, $"/api/staff/department-requests/{number}/approve", new { step = 1 });
        await StaffHost.PostAsync(head, $"/api/staff/department-requests/{number}/reject", new { comment = "本学期预算已用完", step = 2 });

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.Channel == OutboxChannel.WeComApp).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(Ct);
        var sent = rows.Select(r => (r.Recipient, Text: (string)JsonNode.Parse(r.Payload)!["Text"]!)).Where(r => r.Text.Contains(number, StringComparison.Ordinal)).ToList();
        // The filer's notice and the next approvers' alert of one decision are saved together: compare them unordered.
        Assert.Equal(4, sent.Count);
        var clerkAlert = Assert.Single(sent, s => s.Recipient == RequestDesk.Clerk).Text;
        Assert.StartsWith($"待审批申报 {number}（第1/2步「科员审核」）", clerkAlert, StringComparison.Ordinal);
        Assert.Contains("预计费用：12000.00 元", clerkAlert, StringComparison.Ordinal);
        Assert.StartsWith($"待审批申报 {number}（第2/2步「主任审批」）", Assert.Single(sent, s => s.Recipient == RequestDesk.Head).Text, StringComparison.Ordinal);
        Assert.Equal(
            [$"您的申报 {number} 已通过「科员审核」，正在等待「主任审批」审批。", $"很抱歉，您的申报 {number} 在「主任审批」被驳回：本学期预算已用完"],
            sent.Where(s => s.Recipient == "demo-staff").Select(s => s.Text).Order(StringComparer.Ordinal).Reverse());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"kind":"Maintenance","description":"修门","estimatedCost":10,"wantedDate":"2099-01-01"}""", "departmentId" },
        { $$"""{"departmentId":"{{RequestDesk.Cs}}","kind":"Maintenance","description":"修门","estimatedCost":-1,"wantedDate":"2099-01-01"}""", "estimatedCost" },
        { $$"""{"departmentId":"{{RequestDesk.Cs}}","kind":"Repairs","description":"修门","estimatedCost":10,"wantedDate":"2099-01-01"}""", "kind" },
        { $$"""{"departmentId":"{{RequestDesk.Cs}}","kind":"3","description":"修门","estimatedCost":10,"wantedDate":"2099-01-01"}""", "kind" },
        { $$"""{"departmentId":"{{RequestDesk.Cs}}","kind":"Purchase","description":"","estimatedCost":10,"wantedDate":"2099-01-01"}""", "description" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadInput_IsA400NamingTheField_AndFilesNothing(string json, string field)
    {
        await using var host = await HostAsync();
        var admin = StaffHost.Client(host, "demo-staff", "admin");

        var response = await admin.PostAsync("/api/staff/department-requests", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await StaffHost.JsonAsync(response))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, (int)(await StaffHost.JsonAsync(await admin.GetAsync("/api/staff/department-requests", Ct)))["total"]!);
    }

    [Fact]
    public async Task WantedDateInThePast_OrAnUnknownDepartment_IsRefused_AndFilesNothing()
    {
        await using var host = await HostAsync();
        var admin = StaffHost.Client(host, "demo-staff", "admin");

        var past = await StaffHost.PostAsync(admin, "/api/staff/department-requests", Body(10m, wanted: "2020-01-01"));
        var unknown = await StaffHost.PostAsync(admin, "/api/staff/department-requests", Body(10m, department: Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Equal("期望日期不能早于今天。", (string?)(await StaffHost.JsonAsync(past))["title"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, (int)(await StaffHost.JsonAsync(await admin.GetAsync("/api/staff/department-requests", Ct)))["total"]!);
    }

    [Fact]
    public async Task CostReport_AsJsonAndCsv_SeparatesRequestedApprovedAndRejected()
    {
        await using var host = await HostAsync();
        var admin = StaffHost.Client(host, "demo-staff", "admin");
        var clerk = StaffHost.Client(host, RequestDesk.Clerk, "dispatcher");
        var numbers = new List<string>();
        foreach (var (cost, department) in new[] { (1200.50m, RequestDesk.Cs), (300m, RequestDesk.Cs), (450.25m, RequestDesk.Fl) })
        {
            var filed = await StaffHost.PostAsync(admin, "/api/staff/department-requests", Body(cost, "Purchase", department));
            numbers.Add((string)(await StaffHost.JsonAsync(filed))["number"]!);
        }

        await StaffHost.PostAsync(clerk, $"/api/staff/department-requests/{numbers[0]}/approve", new { step = 1 });
        await StaffHost.PostAsync(clerk, $"/api/staff/department-requests/{numbers[1]}/reject", new { comment = "重复申报", step = 1 });

        var json = await StaffHost.JsonAsync(await clerk.GetAsync("/api/staff/department-requests/report", Ct));
        var csvResponse = await clerk.GetAsync("/api/staff/department-requests/report.csv", Ct);
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync(Ct));

        var cs = json["departments"]!.AsArray().Single(d => (string?)d!["code"] == "CS")!;
        Assert.Equal((2, 1500.50m, 1, 1200.50m, 1, 300m), ((int)cs["requestedCount"]!, (decimal)cs["requestedTotal"]!, (int)cs["approvedCount"]!,
            (decimal)cs["approvedTotal"]!, (int)cs["rejectedCount"]!, (decimal)cs["rejectedTotal"]!));
        Assert.Equal((1950.75m, 1200.50m, 450.25m), ((decimal)json["total"]!["requestedTotal"]!, (decimal)json["total"]!["approvedTotal"]!, (decimal)json["total"]!["pendingTotal"]!));
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\r\nCS,计算机学院,2,1500.50,1,1200.50,1,300.00,0,0.00,0\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("\r\nFL,外国语学院,1,450.25,0,0.00,0,0.00,1,450.25,0\r\n", csv, StringComparison.Ordinal);
        Assert.EndsWith(",合计,3,1950.75,1,1200.50,1,300.00,1,450.25,0\r\n", csv, StringComparison.Ordinal);
    }
}
