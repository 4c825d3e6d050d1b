using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.StaffChat;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Bot.Tests.StaffWork;

/// <summary>
/// Staff work their tickets from the WeCom app: real encrypted callbacks to <c>/wecom/callback</c>, answered by the
/// same commands the staff API sends, with the same rules.
/// </summary>
public sealed class WeComStaffChatTests
{
    private readonly WeComPush _push = new();
    private long _msgId = 7_000_000 + Random.Shared.Next(1_000_000);

    private async Task<string> SayAsync(BotFactory host, string user, string text)
    {
        var response = await host.CreateClient().SendAsync(_push.Build(_push.TextXml(user, text, Interlocked.Increment(ref _msgId))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WeChatPush.ReplyText(_push.OpenReply(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<RepairTicket> LoadAsync(BotFactory host, string number)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var parsed = RepairTicketNumber.Parse(number);
        return await db.RepairTickets.AsNoTracking().Include(t => t.Timeline).SingleAsync(t => t.Number == parsed);
    }

    [Fact]
    public async Task Worker_AcceptsStartsAndFinishes_FromChat_ReachingTheSameStatesAsThroughTheApi()
    {
        await using var host = StaffHost.Create();
        await StaffHost.AddWorkersAsync(host);
        var byChat = await StaffHost.ReportAsync(host, "301");
        var assignee = (await LoadAsync(host, byChat.Number)).AssigneeId!;

        var mine = await SayAsync(host, assignee, "我的工单");
        var accepted = await SayAsync(host, assignee, "接单 " + byChat.Number);
        var started = await SayAsync(host, assignee, "开始 " + byChat.Number);
        var resolved = await SayAsync(host, assignee, $"完成 {byChat.Number} 换了新阀门");

        Assert.Contains(byChat.Number, mine);
        Assert.All([accepted, started, resolved], reply => Assert.Contains(byChat.Number, reply));
        var chatTicket = await LoadAsync(host, byChat.Number);
        Assert.Equal(TicketStatus.Resolved, chatTicket.Status);
        Assert.Equal("换了新阀门", chatTicket.Timeline[^1].Note);

        // The same work through the staff API, as the same worker, on a second report.
        var byApi = await StaffHost.ReportAsync(host, "302");
        var apiAssignee = (await LoadAsync(host, byApi.Number)).AssigneeId!;
        var api = StaffHost.Client(host, apiAssignee, "worker");
        foreach (var (action, body) in new (string, object?)[] { ("accept", null), ("start", null), ("resolve", new { note = "换了新阀门" }) })
        {
            var response = await StaffHost.PostAsync(api, $"/api/staff/tickets/{byApi.Number}/{action}", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var apiTicket = await LoadAsync(host, byApi.Number);
        Assert.Equal(
            apiTicket.Timeline.Select(e => (e.Action, e.ToStatus, e.ActorKind, e.Note)),
            chatTicket.Timeline.Select(e => (e.Action, e.ToStatus, e.ActorKind, e.Note)));
    }

    [Fact]
    public async Task SomeoneWhoIsNotStaff_IsToldSo_AndNothingChanges()
    {
        await using var host = StaffHost.Create();
        await StaffHost.AddWorkersAsync(host);
        var ticket = await StaffHost.ReportAsync(host, "303");

        var reply = await SayAsync(host, "li.si", "接单 " + ticket.Number);

        Assert.Contains("你还不是后勤维修人员", reply);
        Assert.Equal(TicketStatus.Assigned, (await LoadAsync(host, ticket.Number)).Status);
    }

    [Fact]
    public async Task WorkerOfAnotherTeam_CannotTouchTheTicket()
    {
        await using var host = StaffHost.Create();
        await StaffHost.AddWorkersAsync(host);
        var waterTicket = await StaffHost.ReportAsync(host, "304");

        var accept = await SayAsync(host, "net.li", "接单 " + waterTicket.Number);
        var reassign = await SayAsync(host, "net.li", $"转派 {waterTicket.Number} 2001");

        Assert.DoesNotContain("已接单", accept);
        Assert.NotEqual(StaffChatTexts.Unknown, accept);
        Assert.NotEqual(StaffChatTexts.Unknown, reassign);
        var stored = await LoadAsync(host, waterTicket.Number);
        Assert.Equal((TicketStatus.Assigned, 2), (stored.Status, stored.Timeline.Count));
        Assert.NotEqual("net.li", stored.AssigneeId);
    }

    [Fact]
    public async Task Dispatcher_SeesTheQueue_AndAssignsByEmployeeNumber()
    {
        await using var host = StaffHost.Create();
        await host.Services.SendAsync(new Handlers.StaffAdmin.CreateStaffMemberCommand(
            "demo-staff", "disp.water", "水电调度", "9001", Domain.Staff.StaffRole.Dispatcher, Domain.ReferenceData.ReferenceDataSeed.TeamId("WATER-ELEC")));
        // No workers yet: the report waits in the queue (待派).
        var waiting = await StaffHost.ReportAsync(host, "305");
        await StaffHost.AddWorkersAsync(host);

        var queue = await SayAsync(host, "disp.water", "待派");
        var assigned = await SayAsync(host, "disp.water", $"派单 {waiting.Number} 1002");

        Assert.Contains(waiting.Number, queue);
        Assert.Contains(waiting.Number, assigned);
        Assert.Equal(("zhao", TicketStatus.Assigned), ((await LoadAsync(host, waiting.Number)).AssigneeId, (await LoadAsync(host, waiting.Number)).Status));
    }

    [Fact]
    public async Task Announcement_ByAnAdmin_IsPublished_ByAWorker_IsRefused()
    {
        await using var host = StaffHost.Create();
        await StaffHost.AddWorkersAsync(host);

        var byWorker = await SayAsync(host, "wang", "公告 今晚22:00东区停水");
        var byAdmin = await SayAsync(host, "demo-staff", "公告 停水通知\n今晚22:00东区停水，请提前储水。");

        Assert.Equal(StaffChatTexts.AdminsOnly, byWorker);
        Assert.StartsWith("公告已发布", byAdmin);
        await using var scope = host.Services.CreateAsyncScope();
        var announcement = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Announcements.SingleAsync();
        Assert.Equal(("停水通知", "demo-staff"), (announcement.Title, announcement.PublishedBy));
    }

    [Theory]
    [InlineData("你好", StaffChatTexts.Unknown)]
    [InlineData("接单", "请带上单号")]
    [InlineData("退单 R20261127-0042", "请写明原因")]
    public async Task UnknownOrIncompleteLines_GetAClearReply(string line, string expected)
    {
        await using var host = StaffHost.Create();

        Assert.Contains(expected, await SayAsync(host, "wang", line));
    }

    [Fact]
    public async Task UnknownTicketNumber_IsNotFound()
    {
        await using var host = StaffHost.Create();
        await StaffHost.AddWorkersAsync(host);

        Assert.Contains("没有找到", await SayAsync(host, "wang", "接单 R20200101-0001"));
    }
}
