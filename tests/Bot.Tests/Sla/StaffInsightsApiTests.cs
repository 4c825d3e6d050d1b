using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Bot.Tests.Outbox;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.RepairTickets;
using WechatLogistics.Simulator.Cli;

namespace WechatLogistics.Bot.Tests.Sla;

/// <summary>The staff endpoints of incidents, KPIs and SLA warnings over a running host (its outbox and monitor running).</summary>
public sealed class StaffInsightsApiTests
{
    private const string Password = "correct horse battery staple";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/staff/incidents" },
        { "GET", $"/api/staff/incidents/{Guid.Empty}" },
        { "POST", $"/api/staff/incidents/{Guid.Empty}/announce" },
        { "POST", $"/api/staff/incidents/{Guid.Empty}/close" },
        { "GET", "/api/staff/kpis" },
        { "GET", "/api/staff/kpis.csv" },
        { "GET", "/api/staff/kpis/daily" },
        { "GET", "/api/staff/sla/warnings" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithoutToken_Is401(string method, string path)
    {
        await using var host = new BotFactory();

        var response = await host.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ThreeReportsInABuilding_RaiseOneIncident_ThatStaffAnnounceToTheBuildingAndClose()
    {
        await using var bed = await OutboxTestBed.CreateAsync(redis: false);
        var host = bed.StartHost(Staff(new() { ["Maintenance:RobotKeys:default"] = "robot-default" }));
        var client = await LoginAsync(host);
        var students = new[] { bed.User(1), bed.User(2), bed.User(3) };
        foreach (var student in students)
        {
            await host.Services.SendAsync(new OpenRepairTicketCommand(
                student, ReferenceDataSeed.CategoryId("WATER-LEAK"), ReferenceDataSeed.LocationId("W-D02"), "西区2号楼 201", "楼道漏水", [], null, Guid.NewGuid().ToString("N")));
        }

        var incidents = await WaitForIncidentsAsync(client);
        var id = (string)incidents[0]!["id"]!;
        var detail = JsonNode.Parse(await client.GetStringAsync($"/api/staff/incidents/{id}", Ct))!;
        var announce = await client.PostAsJsonAsync($"/api/staff/incidents/{id}/announce", new { title = "", body = "" }, Ct);
        var announced = JsonNode.Parse(await announce.Content.ReadAsStringAsync(Ct))!;
        var close = await client.PostAsync($"/api/staff/incidents/{id}/close", null, Ct);
        var closeAgain = await client.PostAsync($"/api/staff/incidents/{id}/close", null, Ct);
        var rows = await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(15));

        Assert.Equal("西区学生公寓2号楼", (string?)incidents[0]!["building"]);
        Assert.Equal("水", (string?)incidents[0]!["category"]);
        Assert.Equal(3, detail["tickets"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Created, announce.StatusCode);
        Assert.Equal(3, (int)announced["recipients"]!); // the three reporters live there
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, closeAgain.StatusCode);
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync("/api/staff/incidents", Ct))!.AsArray());
        Assert.Single(rows, r => r.IdempotencyKey.Contains("incident-opened", StringComparison.Ordinal));
        Assert.Single(bed.Fake.State.Log.Snapshot(), c => c.Path == "/cgi-bin/webhook/send"
            && ((string?)JsonNode.Parse(c.Body)!["markdown"]!["content"] ?? "").Contains("预警", StringComparison.Ordinal));
        var notice = OutboxJsonContext.Deserialize(rows.First(r => r.Recipient == students[0] && r.CorrelationId is not null).Payload);
        Assert.Equal("西区学生公寓2号楼水故障通知", notice.Title);
    }

    [Fact]
    public async Task Kpis_AsJsonAndCsv_AndInvalidArguments_Are400()
    {
        await using var bed = await OutboxTestBed.CreateAsync(redis: false);
        var host = bed.StartHost(Staff());
        var client = await LoginAsync(host);
        await host.Services.SendAsync(new OpenRepairTicketCommand(
            bed.User(1), ReferenceDataSeed.CategoryId("NET-DOWN"), ReferenceDataSeed.LocationId("S-D01"), null, "网络断了", [], null, "k1"));
        var today = CampusTime.DateOf(DateTimeOffset.UtcNow);

        var json = JsonNode.Parse(await client.GetStringAsync($"/api/staff/kpis?by=category&from={today:yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}", Ct))!;
        var csv = await client.GetAsync("/api/staff/kpis.csv?by=building", Ct);
        var bytes = await csv.Content.ReadAsByteArrayAsync(Ct);
        var daily = JsonNode.Parse(await client.GetStringAsync("/api/staff/kpis/daily", Ct))!.AsArray();
        var warnings = JsonNode.Parse(await client.GetStringAsync("/api/staff/sla/warnings", Ct))!.AsArray();
        var badDimension = await client.GetAsync("/api/staff/kpis?by=planet", Ct);
        var badRange = await client.GetAsync("/api/staff/kpis?from=2026-03-09&to=2026-03-02", Ct);

        var group = Assert.Single(json["groups"]!.AsArray());
        Assert.Equal(("网络", 1), ((string?)group!["name"], (int)group["opened"]!));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains("building,南区学生公寓1号楼,1,0", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(30, daily.Count);
        Assert.Equal(1, (int)daily[^1]!["opened"]!);
        Assert.Empty(warnings);
        Assert.Equal(HttpStatusCode.BadRequest, badDimension.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
    }

    private static Dictionary<string, string?> Staff(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = "test-signing-key-0123456789-abcdefghijklmnop",
            ["Auth:StaffAccounts:0:UserName"] = "li.laoshi",
            ["Auth:StaffAccounts:0:Role"] = "staff",
            ["Auth:StaffAccounts:0:PasswordHash"] = PasswordHasher.Hash(Password),
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<HttpClient> LoginAsync(BotFactory host)
    {
        var client = host.CreateClient();
        var login = await client.PostAsJsonAsync("/api/staff/login", new { userName = "li.laoshi", password = Password }, Ct);
        var token = (string)JsonNode.Parse(await login.Content.ReadAsStringAsync(Ct))!["accessToken"]!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonArray> WaitForIncidentsAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var list = JsonNode.Parse(await client.GetStringAsync("/api/staff/incidents", Ct))!.AsArray();
            if (list.Count > 0 || DateTime.UtcNow > deadline)
            {
                return list;
            }

            await Task.Delay(50, Ct);
        }
    }
}
