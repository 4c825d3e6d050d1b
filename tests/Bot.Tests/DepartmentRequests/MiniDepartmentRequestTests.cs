using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Mini;
using WechatLogistics.Domain.ReferenceData;

namespace WechatLogistics.Bot.Tests.DepartmentRequests;

/// <summary>部门申报 through the mini-program API with a student token: a registered contact files, follows and withdraws; others are refused.</summary>
public sealed class MiniDepartmentRequestTests
{
    private static async Task RegisterContactAsync(MiniTestBed bed, string openId)
    {
        await using var scope = bed.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cs = await db.Departments.SingleAsync(d => d.Id == ReferenceDataSeed.DepartmentId("CS"), TestContext.Current.CancellationToken);
        cs.AddContact(openId, "计院教务员");
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private static object Body(decimal cost) => new
    {
        kind = "EventSupport",
        description = "迎新晚会需要舞台搭建和保洁",
        estimatedCost = cost,
        wantedDate = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(5).ToString("yyyy-MM-dd"),
    };

    [Fact]
    public async Task AContact_FilesFollowsAndWithdraws_OthersAreToldHowToBecomeOne()
    {
        await using var bed = await MiniTestBed.StartAsync();
        await RegisterContactAsync(bed, "o-minics");
        var contact = await bed.SignInAsync("minics");
        var stranger = await bed.SignInAsync("minix");

        var departments = await contact.SendAsync<JsonNode>(HttpMethod.Get, "/api/mini/departments");
        var negative = await contact.SendAsync<JsonNode>(HttpMethod.Post, "/api/mini/department-requests", Body(-3m));
        var filed = await contact.SendAsync<JsonNode>(HttpMethod.Post, "/api/mini/department-requests", Body(2400m), idempotencyKey: "mini-req-1");
        var again = await contact.SendAsync<JsonNode>(HttpMethod.Post, "/api/mini/department-requests", Body(2400m), idempotencyKey: "mini-req-1");
        var number = (string)filed.Ok["number"]!;
        var mine = await contact.SendAsync<JsonNode>(HttpMethod.Get, "/api/mini/department-requests");
        var withdrawn = await contact.SendAsync<JsonNode>(HttpMethod.Post, $"/api/mini/department-requests/{number}/withdraw");
        var details = await contact.SendAsync<JsonNode>(HttpMethod.Get, $"/api/mini/department-requests/{number}");
        var refused = await stranger.SendAsync<JsonNode>(HttpMethod.Post, "/api/mini/department-requests", Body(100m));
        var peek = await stranger.SendAsync<JsonNode>(HttpMethod.Get, $"/api/mini/department-requests/{number}");
        var strangerDepartments = await stranger.SendAsync<JsonNode>(HttpMethod.Get, "/api/mini/departments");

        Assert.Equal("计算机学院", (string?)departments.Ok[0]!["name"]);
        Assert.Equal(HttpStatusCode.BadRequest, negative.Status);
        Assert.Equal(HttpStatusCode.Created, filed.Status);
        Assert.Equal((HttpStatusCode.OK, number), (again.Status, (string?)again.Ok["number"]));
        Assert.Equal((1, number), ((int)mine.Ok["total"]!, (string?)mine.Ok["items"]![0]!["number"]));
        Assert.Equal("Withdrawn", (string?)withdrawn.Ok["status"]);
        Assert.Equal(["Submitted", "Withdrawn"], details.Ok["timeline"]!.AsArray().Select(e => (string?)e!["action"]));
        Assert.Null((string?)details.Ok["timeline"]![0]!["actorId"]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.StartsWith("部门申报仅限已登记的部门联系人使用。", refused.Title, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, peek.Status);
        Assert.Empty(strangerDepartments.Ok.AsArray());
    }
}
