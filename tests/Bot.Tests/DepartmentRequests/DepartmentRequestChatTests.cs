using System.Net;
using WechatLogistics.Bot.Tests.StaffWork;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Handlers.DepartmentRequests;

namespace WechatLogistics.Bot.Tests.DepartmentRequests;

/// <summary>
/// The whole path by chat: a department contact files 申报 on the Official Account (real signed pushes), the approvers see
/// it with 待审批 and decide it with 审批 in the WeCom app (real encrypted callbacks), and the staff API shows the result.
/// </summary>
public sealed class DepartmentRequestChatTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly WeComPush _push = new();
    private long _msgId = 8_000_000 + Random.Shared.Next(1_000_000);

    private async Task<string> WeComAsync(BotFactory host, string user, string text)
    {
        var response = await host.CreateClient().SendAsync(_push.Build(_push.TextXml(user, text, Interlocked.Increment(ref _msgId))), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WeChatPush.ReplyText(_push.OpenReply(await response.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public async Task ContactFilesByChat_ApproversDecideInWeCom_TheMaintenanceBecomesATicket()
    {
        await using var host = await DepartmentRequestApiTests.HostAsync();
        var contact = new ChatUser(host, RequestDesk.CsContact);
        var stranger = new ChatUser(host, "o-student-0042");
        var wanted = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(3).ToString("yyyy-MM-dd");

        var refused = await stranger.SayAsync("申报");
        var filed = await contact.SayAsync("部门申报", "1", "实验楼配电箱跳闸频繁，需要检修", "实验楼B座", "5200", wanted, "确认");
        var number = filed.Split("编号 ")[1][..14];
        var clerkQueue = await WeComAsync(host, RequestDesk.Clerk, "待审批");
        var headTooEarly = await WeComAsync(host, RequestDesk.Head, $"审批 {number} 同意");
        var clerkNoComment = await WeComAsync(host, RequestDesk.Clerk, $"审批 {number} 驳回");
        var clerkApproves = await WeComAsync(host, RequestDesk.Clerk, $"审批 {number} 同意 情况属实");
        var headQueue = await WeComAsync(host, RequestDesk.Head, "待审批");
        var headApproves = await WeComAsync(host, RequestDesk.Head, $"审批 {number} 通过");
        var headAgain = await WeComAsync(host, RequestDesk.Head, $"审批 {number} 同意");

        Assert.StartsWith("部门申报仅限已登记的部门联系人使用。", refused, StringComparison.Ordinal);
        Assert.StartsWith("申报已提交，编号 D", filed, StringComparison.Ordinal);
        Assert.Contains("审批流程：科员审核 → 主任审批", filed, StringComparison.Ordinal);
        Assert.StartsWith($"待你审批的申报（1）：\n{number} 计算机学院 · 维修工程 · 5200.00元 · 第1/2步「科员审核」", clerkQueue, StringComparison.Ordinal);
        Assert.Equal($"申报 {number} 当前步骤「科员审核」不由你审批。", headTooEarly);
        Assert.StartsWith("驳回请写明意见", clerkNoComment, StringComparison.Ordinal);
        Assert.Equal($"已同意申报 {number}，转「主任审批」继续审批。", clerkApproves);
        Assert.Contains($"{number} 计算机学院 · 维修工程 · 5200.00元 · 第2/2步「主任审批」", headQueue, StringComparison.Ordinal);
        Assert.StartsWith($"已批准申报 {number}，已生成报修单 R", headApproves, StringComparison.Ordinal);
        Assert.Equal($"申报 {number} 已批准，不能再处理。", headAgain);

        var details = await host.Services.QueryAsync(new GetDepartmentRequestQuery(RequestDesk.Clerk, true, number));
        Assert.Equal(("实验楼B座", 5200m), (details.Place, details.Summary.EstimatedCost));
        Assert.Equal("情况属实", details.Timeline[1].Comment);
        Assert.NotNull(details.Summary.TicketNumber);
    }
}
