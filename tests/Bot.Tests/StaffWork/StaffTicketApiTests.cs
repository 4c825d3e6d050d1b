using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Tests.StaffWork;

/// <summary>The staff API over the real host: status codes, ProblemDetails, and the worker's WeCom notice.</summary>
public sealed class StaffTicketApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Worker_WorksTheirTicketOverTheApi_WithProblemDetailsForBrokenRules()
    {
        await using var host = StaffHost.Create();
        await StaffHost.AddWorkersAsync(host);
        var number = (await StaffHost.ReportAsync(host, "302")).Number;
        var wang = StaffHost.Client(host, "wang", "worker");
        var netLi = StaffHost.Client(host, "net.li", "worker");

        var early = await StaffHost.PostAsync(wang, $"/api/staff/tickets/{number}/resolve", new { note = "修好了" });
        var stranger = await StaffHost.PostAsync(netLi, $"/api/staff/tickets/{number}/accept");
        var reject = await StaffHost.PostAsync(wang, $"/api/staff/tickets/{number}/reject", new { reason = "不归我管" });
        var accept = await StaffHost.PostAsync(wang, $"/api/staff/tickets/{number}/accept");
        var details = await wang.GetAsync($"/api/staff/tickets/{number}", Ct);
        var mine = await wang.GetAsync("/api/staff/me/tickets", Ct);

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("ticket.invalid_transition", (string?)(await StaffHost.JsonAsync(early))["code"]);
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal("application/problem+json", stranger.Content.Headers.ContentType?.MediaType);
        Assert.Contains("不属于你的班组", (string?)(await StaffHost.JsonAsync(stranger))["title"]);
        Assert.Equal(HttpStatusCode.Forbidden, reject.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        Assert.Equal("Accepted", (string?)(await StaffHost.JsonAsync(accept))["status"]);
        var timeline = (await StaffHost.JsonAsync(details))["timeline"]!.AsArray();
        Assert.Equal(["Opened", "Assigned", "Accepted"], timeline.Select(e => (string?)e!["action"]));
        Assert.Equal(number, (string?)(await StaffHost.JsonAsync(mine))["items"]![0]!["number"]);
    }

    [Fact]
    public async Task AssigningByDispatch_SendsTheWorkerAWeComAppMessage()
    {
        await using var host = StaffHost.Create();
        await StaffHost.AddWorkersAsync(host);

        var number = (await StaffHost.ReportAsync(host, "302")).Number;

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Channel == OutboxChannel.WeComApp, Ct);
        Assert.Equal("wang", row.Recipient);
        var text = (string)System.Text.Json.Nodes.JsonNode.Parse(row.Payload)!["Text"]!;
        Assert.StartsWith($"新派工单 {number}", text, StringComparison.Ordinal);
        Assert.Contains($"回复“接单 {number}”接单", text, StringComparison.Ordinal);
        // Its line in a digest, should many assignments at once queue behind the member's 30 messages a minute.
        Assert.StartsWith($"新派工单 {number} ", (string)System.Text.Json.Nodes.JsonNode.Parse(row.Payload)!["Summary"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatcherAssignsAndReassignsBy工号_OverTheApi()
    {
        await using var host = StaffHost.Create();
        var number = (await StaffHost.ReportAsync(host, "302")).Number;   // no workers yet: waits in the queue
        await StaffHost.AddWorkersAsync(host);
        var admin = StaffHost.Client(host, "demo-staff", "admin");

        var queue = await StaffHost.JsonAsync(await admin.GetAsync("/api/staff/tickets/unassigned", Ct));
        var assigned = await StaffHost.PostAsync(admin, $"/api/staff/tickets/{number}/assign", new { worker = "1002" });
        var reassigned = await StaffHost.PostAsync(admin, $"/api/staff/tickets/{number}/reassign", new { worker = "1001" });
        var unknown = await StaffHost.PostAsync(admin, $"/api/staff/tickets/{number}/reassign", new { worker = "9999" });
        var missing = await admin.GetAsync("/api/staff/tickets/R20990101-0001", Ct);

        Assert.Equal(number, (string?)queue["items"]![0]!["number"]);
        Assert.Equal("zhao", (string?)(await StaffHost.JsonAsync(assigned))["assigneeId"]);
        Assert.Equal("wang", (string?)(await StaffHost.JsonAsync(reassigned))["assigneeId"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ReferenceData_AdminsEdit_WorkersOnlyRead()
    {
        await using var host = StaffHost.Create();
        await StaffHost.AddWorkersAsync(host);
        var admin = StaffHost.Client(host, "demo-staff", "admin");
        var worker = StaffHost.Client(host, "wang", "worker");
        var forgedAdmin = StaffHost.Client(host, "wang", "admin");   // the token says admin, the table says worker

        var byWorker = await StaffHost.PostAsync(worker, "/api/staff/teams", new { name = "电梯组" });
        var byForged = await StaffHost.PostAsync(forgedAdmin, "/api/staff/teams", new { name = "电梯组" });
        var created = await StaffHost.PostAsync(admin, "/api/staff/teams", new { name = "电梯组" });
        var twice = await StaffHost.PostAsync(admin, "/api/staff/teams", new { name = "电梯组" });
        var invalid = await StaffHost.PostAsync(admin, "/api/staff/teams", new { name = "" });
        var id = (string)(await StaffHost.JsonAsync(created))["id"]!;
        var renamed = await admin.PutAsJsonAsync($"/api/staff/teams/{id}", new { name = "电梯维保组", isActive = false }, Ct);
        var rule = await StaffHost.PostAsync(admin, "/api/staff/routing-rules", new { categoryId = Domain.ReferenceData.ReferenceDataSeed.CategoryId("OTHER"), teamId = id });
        var teams = await StaffHost.JsonAsync(await worker.GetAsync("/api/staff/teams", Ct));

        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byForged.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("name", (await StaffHost.JsonAsync(invalid))["errors"]!.AsObject().Select(e => e.Key), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        var team = teams.AsArray().Single(t => (string?)t!["id"] == id)!;
        Assert.Equal(("电梯维保组", false), ((string?)team["name"], (bool)team["isActive"]!));
    }
}
