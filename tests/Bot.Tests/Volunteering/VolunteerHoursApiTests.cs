using System.Net;
using System.Text;
using WechatLogistics.Bot.Tests.Mini;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Handlers.StaffAdmin;
using WechatLogistics.Handlers.Volunteering;
using WechatLogistics.Simulator.Cli;
using static WechatLogistics.Bot.Tests.StaffWork.StaffHost;

namespace WechatLogistics.Bot.Tests.Volunteering;

/// <summary>The hours ledger through the staff API, the mini-program API and chat (SQLite host).</summary>
public sealed class VolunteerHoursApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Coordinator_EntersHours_StudentReadsThemInMiniProgram_AsCsvAndCertificate_AndInChat()
    {
        await using var bed = await MiniTestBed.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = "test-signing-key-0123456789-abcdefghijklmnop",
            ["Auth:StaffAccounts:0:UserName"] = "demo-staff",
            ["Auth:StaffAccounts:0:Role"] = "admin",
            ["Auth:StaffAccounts:0:PasswordHash"] = PasswordHasher.Hash(Password),
        });
        var student = await bed.SignInAsync("hy"); // OpenId o-hy
        await bed.Host.Services.SendAsync(new CreateStaffMemberCommand("demo-staff", "coord", "李老师", "8001", Domain.Staff.StaffRole.Dispatcher, null));
        var coordinator = Client(bed.Host, "coord", "dispatcher");
        var today = Handlers.Common.CampusTime.DateOf(DateTimeOffset.UtcNow);
        var term = Domain.Volunteering.VolunteerTerm.Of(today);

        var entered = await PostAsync(coordinator, "/api/staff/volunteer-hours", new { volunteerOpenId = "o-hy", hours = 2.5, reason = "图书馆<整理>" });
        var noReason = await PostAsync(coordinator, "/api/staff/volunteer-hours", new { volunteerOpenId = "o-hy", hours = 1 });
        var byStudentToken = await student.SendAsync<byte[]>(HttpMethod.Post, "/api/staff/volunteer-hours", new { volunteerOpenId = "o-hy", hours = 1, reason = "自己加" });
        var totals = await JsonAsync(await coordinator.GetAsync($"/api/staff/volunteer-hours?term={term.Code}", Ct));
        var sheet = await coordinator.GetByteArrayAsync("/api/staff/volunteer-hours.csv", Ct);
        var mine = await student.SendAsync<MyHours>(HttpMethod.Get, "/api/mini/volunteer/hours");
        var csv = await student.SendAsync<byte[]>(HttpMethod.Get, "/api/mini/volunteer/hours.csv");
        var certificate = await student.SendAsync<byte[]>(HttpMethod.Get, "/api/mini/volunteer/hours/certificate");
        var chat = await new ChatUser(bed.Host, "o-hy").SayAsync("我的志愿时长");

        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byStudentToken.Status);
        Assert.Equal(2.5m, (decimal)totals["volunteers"]![0]!["hours"]!);
        Assert.Contains("o-hy,2.5,2.5,0", Encoding.UTF8.GetString(sheet), StringComparison.Ordinal);
        Assert.Equal((2.5m, term.Code), (mine.Ok.Total, Assert.Single(mine.Ok.Terms).Term));
        Assert.Equal("text/csv", csv.ContentType);
        Assert.Contains($"{term.Name},2.5", Encoding.UTF8.GetString(csv.Ok), StringComparison.Ordinal);
        Assert.Equal("text/html", certificate.ContentType);
        var html = Encoding.UTF8.GetString(certificate.Ok);
        Assert.Contains("累计服务 <strong>2.5</strong> 小时", html, StringComparison.Ordinal);
        Assert.Contains("人工登记：图书馆&lt;整理&gt;", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", certificate.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("你的志愿时长：累计 2.5 小时", chat, StringComparison.Ordinal);
        Assert.Contains($"{term.Name}：2.5 小时", chat, StringComparison.Ordinal);
        Assert.Contains("小程序", chat, StringComparison.Ordinal);
    }
}
