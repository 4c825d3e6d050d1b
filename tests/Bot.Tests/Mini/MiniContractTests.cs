using System.Net;
using System.Text.Json.Nodes;

namespace WechatLogistics.Bot.Tests.Mini;

/// <summary>The contract around the endpoints: the OpenAPI document, and per-student rate limiting.</summary>
public sealed class MiniContractTests
{
    [Fact]
    public async Task OpenApiDocument_DescribesTheMiniAndStaffApis_WithExamplesAndTheIdempotencyHeader()
    {
        await using var bed = await MiniTestBed.StartAsync();

        var response = await bed.Host.CreateClient().GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        var paths = document["paths"]!.AsObject();
        var create = paths["/api/mini/tickets"]!["post"]!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/mini/login", paths.Select(p => p.Key));
        Assert.Contains("/api/mini/shifts/{id}/claim", paths.Select(p => p.Key));
        Assert.Contains("/api/staff/login", paths.Select(p => p.Key));
        Assert.Contains("/api/staff/announcements", paths.Select(p => p.Key));
        Assert.Contains(create["parameters"]!.AsArray(), p => (string?)p!["name"] == "Idempotency-Key" && (string?)p["in"] == "header");
        Assert.Equal("卫生间水龙头一直滴水", (string?)create["requestBody"]!["content"]!["application/json"]!["example"]!["description"]);
        Assert.Equal("R20261128-0042", (string?)create["responses"]!["201"]!["content"]!["application/json"]!["example"]!["number"]);
        Assert.NotNull(create["requestBody"]!["content"]!["multipart/form-data"]);
        Assert.Equal("miniProgram", create["security"]![0]!.AsObject().Single().Key);
        Assert.Equal("staff", paths["/api/staff/announcements"]!["post"]!["security"]![0]!.AsObject().Single().Key);
        Assert.NotNull(paths["/api/mini/login"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!["code"]);
    }

    [Fact]
    public async Task OverThePerStudentLimit_Is429WithRetryAfter_AndOtherStudentsAreNotAffected()
    {
        await using var bed = await MiniTestBed.StartAsync(settings: new Dictionary<string, string?> { ["MiniApi:RequestsPerMinute"] = "3" });
        var busy = await bed.SignInAsync("gao");
        var calm = await bed.SignInAsync("lu");

        var answers = new List<ApiResult<MiniProgram.MiniPage<Handlers.RepairTickets.RepairTicketSummary>>>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await busy.MyTicketsAsync());
        }

        var other = await calm.MyTicketsAsync();

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].Status);
        Assert.Equal("操作太频繁，请稍后再试", answers[3].Title);
        Assert.InRange(answers[3].Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, other.Status);
    }
}
