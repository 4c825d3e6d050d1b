using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WechatLogistics.Bot.Staff;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.RepairTickets;
using WechatLogistics.Handlers.StaffAdmin;
using WechatLogistics.Simulator.Cli;

namespace WechatLogistics.Bot.Tests.StaffWork;

/// <summary>The real host (SQLite) with a few staff members and helpers to call the staff API as one of them.</summary>
public static class StaffHost
{
    public const string Password = "staff-test-password";

    /// <param name="more">Further settings (e.g. an approval chain), added to the staff accounts'.</param>
    public static BotFactory Create(IReadOnlyDictionary<string, string?>? more = null) => new(settings: new Dictionary<string, string?>(more ?? new Dictionary<string, string?>())
    {
        ["Auth:SigningKey"] = "test-signing-key-0123456789-abcdefghijklmnop",
        ["Auth:StaffAccounts:0:UserName"] = "demo-staff",
        ["Auth:StaffAccounts:0:Role"] = "admin",
        ["Auth:StaffAccounts:0:PasswordHash"] = PasswordHasher.Hash(Password),
        ["Auth:StaffAccounts:1:UserName"] = "wang",
        ["Auth:StaffAccounts:1:Role"] = "admin",
        ["Auth:StaffAccounts:1:PasswordHash"] = PasswordHasher.Hash(Password),
    });

    /// <summary>wang (1001) and zhao (1002) in 水电班, net.li (2001) in 网络组.</summary>
    public static async Task AddWorkersAsync(BotFactory host)
    {
        (string Id, string Name, string No, string Team)[] workers =
            [("wang", "王师傅", "1001", "WATER-ELEC"), ("zhao", "赵师傅", "1002", "WATER-ELEC"), ("net.li", "李工", "2001", "NETWORK")];
        foreach (var (id, name, no, team) in workers)
        {
            await host.Services.SendAsync(new CreateStaffMemberCommand("demo-staff", id, name, no, StaffRole.Worker, ReferenceDataSeed.TeamId(team)));
        }
    }

    public static Task<OpenRepairTicketResult> ReportAsync(BotFactory host, string room, string category = "WATER-TAP") =>
        host.Services.SendAsync(new OpenRepairTicketCommand(
            "o-student-0001", ReferenceDataSeed.CategoryId(category), ReferenceDataSeed.LocationId("E-D01"), "东区学生公寓1号楼 " + room,
            "坏了", [], null, Guid.NewGuid().ToString("N")));

    public static HttpClient Client(BotFactory host, string? userId = null, string? role = null)
    {
        var client = host.CreateClient();
        if (userId is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(host, userId, role!));
        }

        return client;
    }

    public static string Token(BotFactory host, string userId, string role, DateTime? expires = null)
    {
        var auth = host.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var issued = expires is { } end ? end.AddMinutes(-30) : DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("role", role)]),
            IssuedAt = issued,
            NotBefore = issued,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(auth.SigningKeyBytes), SecurityAlgorithms.HmacSha256),
        });
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body = null) =>
        client.PostAsJsonAsync(path, body ?? new { }, TestContext.Current.CancellationToken);
}
