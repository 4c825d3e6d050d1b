using System.Net;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.StaffAdmin;
using WechatLogistics.Bot.Tests.Support;

namespace WechatLogistics.Bot.Tests.StaffWork;

/// <summary>Every staff endpoint refuses requests without a valid token; roles come from the member table.</summary>
public sealed class StaffApiAuthTests
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/staff/tickets" },
        { "GET", "/api/staff/tickets/unassigned" },
        { "GET", "/api/staff/tickets/R20260302-0001" },
        { "POST", "/api/staff/tickets/R20260302-0001/assign" },
        { "POST", "/api/staff/tickets/R20260302-0001/accept" },
        { "POST", "/api/staff/tickets/R20260302-0001/start" },
        { "POST", "/api/staff/tickets/R20260302-0001/resolve" },
        { "POST", "/api/staff/tickets/R20260302-0001/refuse" },
        { "POST", "/api/staff/tickets/R20260302-0001/reject" },
        { "POST", "/api/staff/tickets/R20260302-0001/reassign" },
        { "GET", "/api/staff/me/tickets" },
        { "GET", "/api/staff/teams" },
        { "POST", "/api/staff/teams" },
        { "PUT", "/api/staff/teams/0199a0c0-0000-7000-8000-000000000001" },
        { "GET", "/api/staff/staff-members" },
        { "POST", "/api/staff/staff-members" },
        { "PUT", "/api/staff/staff-members/wang" },
        { "GET", "/api/staff/routing-rules" },
        { "POST", "/api/staff/routing-rules" },
        { "PUT", "/api/staff/routing-rules/0199a0c0-0000-7000-8000-000000000001" },
        { "GET", "/api/staff/locations" },
        { "POST", "/api/staff/locations" },
        { "PUT", "/api/staff/locations/0199a0c0-0000-7000-8000-000000000001" },
        { "GET", "/api/staff/categories" },
        { "POST", "/api/staff/categories" },
        { "PUT", "/api/staff/categories/0199a0c0-0000-7000-8000-000000000001" },
        { "POST", "/api/staff/announcements" },
        { "GET", "/api/staff/announcements/0199a0c0-0000-7000-8000-000000000001/report" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithoutOrWithABadToken_Is401(string method, string path)
    {
        await using var host = StaffHost.Create();
        var tokens = new[]
        {
            null,
            "garbage.not-a.jwt",
            StaffHost.Token(host, "demo-staff", "admin", expires: DateTime.UtcNow.AddSeconds(-1)),
        };

        foreach (var token in tokens)
        {
            var client = host.CreateClient();
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("GET", "/api/staff/tickets")]
    [InlineData("POST", "/api/staff/tickets/R20260302-0001/accept")]
    [InlineData("GET", "/api/staff/teams")]
    public async Task Endpoint_WithAnUnknownRole_Is403(string method, string path)
    {
        await using var host = StaffHost.Create();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
        request.Headers.Authorization = new("Bearer", StaffHost.Token(host, "demo-staff", "student"));

        var response = await host.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Login_TakesTheRoleFromTheMemberRow_AndRefusesADeactivatedMember()
    {
        await using var host = StaffHost.Create();
        await StaffHost.AddWorkersAsync(host);
        var client = host.CreateClient();

        var admin = await Login(client, "demo-staff");
        var worker = await Login(client, "wang");   // configured as admin, but the table says worker
        await host.Services.SendAsync(new UpdateStaffMemberCommand("demo-staff", "wang", "王师傅", StaffRole.Worker, Domain.ReferenceData.ReferenceDataSeed.TeamId("WATER-ELEC"), false));
        var gone = await StaffHost.PostAsync(client, "/api/staff/login", new { userName = "wang", password = StaffHost.Password });

        Assert.Equal("admin", RoleOf(admin));
        Assert.Equal("worker", RoleOf(worker));
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
    }

    private static async Task<string> Login(HttpClient client, string user)
    {
        var response = await StaffHost.PostAsync(client, "/api/staff/login", new { userName = user, password = StaffHost.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await StaffHost.JsonAsync(response))["accessToken"]!;
    }

    private static string RoleOf(string token) => new JsonWebToken(token).GetClaim("role").Value;
}
