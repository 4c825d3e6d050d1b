using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Bot.WeChat.Audience;
using WechatLogistics.Domain.Students;
using WechatLogistics.Simulator.FakeApi;

namespace WechatLogistics.Bot.Tests.Mini;

/// <summary>
/// One student, two apps: the Official Account knows them as oa-NAME, the mini-program as o-NAME, and the fake API gives
/// both UnionId u-NAME. Tickets made in either channel show in both.
/// </summary>
public sealed class MiniLinkingTests
{
    [Fact]
    public async Task ATicketFromTheMiniProgram_ShowsIn我的报修_AndAChatTicket_ShowsInTheMiniProgram()
    {
        await using var bed = await MiniTestBed.StartAsync();
        var chat = new ChatUser(bed.Host, "oa-lin");
        await chat.SayAsync("帮助");
        await FlushAsync(bed);
        var mini = await bed.SignInAsync("lin");

        var fromMini = (await mini.CreateTicketAsync(MiniTickets.Tap("小程序报的：水龙头滴水"))).Ok;
        var chatList = await chat.SayAsync("我的报修");
        await chat.SayAsync("取消");
        var fromChat = await ReportByChatAsync(chat);
        var miniList = await mini.MyTicketsAsync();

        Assert.Contains(fromMini.Number, chatList);
        Assert.Equal(2, miniList.Ok.Total);
        Assert.Contains(miniList.Ok.Items, t => t.Number == fromChat);
        // The student may act on the chat ticket from the mini-program.
        var chatTicket = miniList.Ok.Items.Single(t => t.Number == fromChat);
        Assert.Equal(HttpStatusCode.OK, (await mini.CancelTicketAsync(chatTicket.Id, "小程序里取消")).Status);
        await using var db = bed.Database.CreateContext();
        var identities = await db.StudentIdentities.AsNoTracking().Where(s => s.UnionId == "u-lin").OrderBy(s => s.OpenId).ToListAsync();
        Assert.Equal([("o-lin", StudentChannel.MiniProgram), ("oa-lin", StudentChannel.OfficialAccount)], identities.Select(i => (i.OpenId, i.Channel)));
    }

    [Fact]
    public async Task WithoutAUnionId_TheTwoChannelsStayApart()
    {
        await using var bed = await MiniTestBed.StartAsync(fake: new FakeApiOptions { UnionIds = false });
        var chat = new ChatUser(bed.Host, "oa-zhao");
        await chat.SayAsync("帮助");
        await FlushAsync(bed);
        var mini = await bed.SignInAsync("zhao");

        var fromMini = (await mini.CreateTicketAsync(MiniTickets.Tap())).Ok;
        var chatList = await chat.SayAsync("我的报修");

        Assert.DoesNotContain(fromMini.Number, chatList);
        await using var db = bed.Database.CreateContext();
        Assert.Equal(2, await db.StudentIdentities.CountAsync(s => s.UnionId == null));
    }

    private static Task FlushAsync(MiniTestBed bed) =>
        bed.Host.Services.GetRequiredService<FollowerTracker>().FlushAsync(TestContext.Current.CancellationToken);

    /// <summary>The whole 报修 dialog; returns the ticket number the bot gave.</summary>
    private static async Task<string> ReportByChatAsync(ChatUser chat)
    {
        await chat.SayAsync("报修", "1", "1", "东区1号楼302", "洗手池下面漏水", "跳过");
        var done = await chat.SayAsync("确认");
        return System.Text.RegularExpressions.Regex.Match(done, "R[0-9]{8}-[0-9]{4}").Value;
    }
}
