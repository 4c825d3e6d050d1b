using WechatLogistics.Bot.Tests.RepairTickets;
using WechatLogistics.Bot.Tests.Support;

namespace WechatLogistics.Bot.Tests.StaffWork;

/// <summary>The student who reports a fault that is already open hears so, in the chat's answer.</summary>
public sealed class DuplicateReportChatTests
{
    [Fact]
    public async Task SecondStudentReportingTheSameTapInTheSameRoom_IsToldItIsAlreadyBeingHandled()
    {
        await using var host = new BotFactory(TestServers.RedisConnectionString());
        var first = new RepairChat(host);
        var second = new RepairChat(host);

        await first.FillReportAsync();
        var firstDone = await first.SayAsync("确认");
        await second.FillReportAsync();
        var secondDone = await second.SayAsync("确认");

        var firstTicket = Assert.Single(await first.TicketsAsync());
        var original = firstTicket.Number.ToString();
        Assert.DoesNotContain("已有报修单", firstDone);
        Assert.Contains($"该位置的同类问题已有报修单 {original} 正在处理，我们会一并跟进。", secondDone);
        Assert.Equal(firstTicket.Id, Assert.Single(await second.TicketsAsync()).DuplicateOfId);
    }
}
