using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Tests.RepairTickets;

/// <summary>
/// Hostile and clumsy input at every step of 报修, through the real webhook: the bot asks again politely (never the
/// "busy" line of a failure), and the same report can still be finished afterwards.
/// </summary>
public sealed class RepairChatInputTests(RepairChatInputTests.Host host) : IClassFixture<RepairChatInputTests.Host>
{
    private const string Sql = "'; DROP TABLE \"RepairTickets\"; --";

    private static readonly string Long = new('坏', 5000);

    public static TheoryData<string> Steps => ["category", "subcategory", "location", "location-pick", "description", "photo", "confirm"];

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task BadInput_AtThisStep_ReasksEveryTime_ThenTheReportStillCompletes(string step)
    {
        var chat = new RepairChat(host);
        var (path, question, finish) = Route(step);
        foreach (var answer in path)
        {
            await chat.SayAsync(answer);
        }

        // Free-text steps take any real text as the answer (stored as text, never as SQL); the others refuse it.
        string[] nonsense = step is "location" or "description" ? ["", Long, "🔧🚿💡"] : ["", Long, "🔧🚿💡", Sql, "99", "-1"];
        foreach (var input in nonsense)
        {
            var reply = await chat.SayAsync(input);
            Assert.NotEqual(ChatTexts.Busy, reply);
            Assert.Contains(question, reply);
        }

        foreach (var answer in finish)
        {
            await chat.SayAsync(answer);
        }

        Assert.Single(await chat.TicketsAsync());
    }

    [Fact]
    public async Task SqlLookingText_AsPlaceAndDescription_IsStoredAsText()
    {
        var chat = new RepairChat(host);
        await chat.SayAsync("报修");
        await chat.SayAsync("6");
        await chat.SayAsync("1 OR 1=1");
        await chat.SayAsync(Sql);
        await chat.SayAsync("跳过");
        await chat.SayAsync("确认");

        var ticket = Assert.Single(await chat.TicketsAsync());
        Assert.Equal(("1 OR 1=1", Sql), (ticket.LocationText, ticket.Description));
        await using var scope = host.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().RepairTickets.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EmptyTextAndStickers_AtTheTopLevel_GetTheMenu()
    {
        var chat = new RepairChat(host);

        Assert.StartsWith("抱歉，我没看懂", await chat.SayAsync(""));
        Assert.StartsWith("抱歉，我没看懂", await chat.SayAsync("🔧"));
    }

    private static (string[] Path, string Question, string[] Finish) Route(string step) => step switch
    {
        "category" => (["报修"], "请问是哪类问题", ["1", "1", "东区1号楼302", "漏水", "跳过", "确认"]),
        "subcategory" => (["报修", "1"], "具体是哪一项", ["1", "东区1号楼302", "漏水", "跳过", "确认"]),
        "location" => (["报修", "1", "1"], "请告诉我报修地点", ["东区1号楼302", "漏水", "跳过", "确认"]),
        "location-pick" => (["报修", "1", "1", "1号楼 302"], "是哪一栋", ["1", "漏水", "跳过", "确认"]),
        "description" => (["报修", "1", "1", "东区1号楼302"], "请简单描述一下问题", ["漏水", "跳过", "确认"]),
        "photo" => (["报修", "1", "1", "东区1号楼302", "漏水"], "请发送故障照片", ["跳过", "确认"]),
        _ => (["报修", "1", "1", "东区1号楼302", "漏水", "跳过"], "请核对报修信息", ["确认"]),
    };

    public sealed class Host() : BotFactory(TestServers.RedisConnectionString());
}
