using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Bot.WeChat;
using WechatLogistics.Bot.WeChat.Audience;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.Audience;
using WechatLogistics.Wechat.Messages;

namespace WechatLogistics.Bot.Tests.Outbox;

/// <summary>What the webhook learns about users on its way: who follows, who wrote when, where they live.</summary>
public sealed class AudienceTests
{
    private const string CustomSend = "/cgi-bin/message/custom/send";

    [Fact]
    public async Task UserMessage_OpensTheContactWindowInTheClaimsRoundTrip_EventsDoNot()
    {
        await using var bed = await OutboxTestBed.CreateAsync();
        var host = bed.StartHost();
        var (writer, clicker) = (bed.User(1), bed.User(2));

        await PushAsync(bed, host, WeChatPush.TextXml(writer, "探针", NextMsgId()));
        await PushAsync(bed, host, WeChatPush.EventXml(clicker, "CLICK", "MENU_HELP"));

        var redis = await ConnectionMultiplexer.ConnectAsync(bed.Redis!);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"wl:win:{bed.AppId}:{writer}");
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(47), TimeSpan.FromHours(48));
        var window = host.Services.GetRequiredService<IContactWindow>();
        Assert.True(await window.IsOpenAsync(bed.AppId, writer, CancellationToken.None));
        Assert.False(await window.IsOpenAsync(bed.AppId, clicker, CancellationToken.None));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Followers_AreStoredOnFollowAndFirstMessage_AndUnfollowIsRemembered(DatabaseProvider provider)
    {
        await using var bed = await OutboxTestBed.CreateAsync(provider);
        var host = bed.StartHost();
        var (follower, writer, leaver) = (bed.User(1), bed.User(2), bed.User(3));

        await PushAsync(bed, host, WeChatPush.EventXml(follower, "subscribe"));
        for (var i = 0; i < 3; i++)
        {
            await PushAsync(bed, host, WeChatPush.TextXml(writer, "你好", NextMsgId()));
        }

        await PushAsync(bed, host, WeChatPush.EventXml(leaver, "subscribe"));
        await PushAsync(bed, host, WeChatPush.EventXml(leaver, "unsubscribe", createTime: WeChatPush.Now() + 1));
        await host.Services.GetRequiredService<FollowerTracker>().FlushAsync(CancellationToken.None);

        if (host.Logs.Messages.FirstOrDefault(m => m.Contains("follower changes", StringComparison.Ordinal)) is { } failure)
        {
            Assert.Fail(failure);
        }

        await using var db = bed.Database.CreateContext();
        var stored = await db.Followers.Where(f => f.OpenId.StartsWith(bed.UserPrefix)).OrderBy(f => f.OpenId).ToListAsync();
        Assert.Equal([(follower, true), (writer, true), (leaver, false)], stored.Select(f => (f.OpenId, f.IsFollowing)));
        Assert.NotNull(stored[2].UnfollowedAt);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AStormOfNewUsers_IsStoredEachOnce_KnownOnesUnchanged_FollowsInBetweenKept(DatabaseProvider provider)
    {
        const int users = 450;
        await using var bed = await OutboxTestBed.CreateAsync(provider);
        var known = DateTimeOffset.UtcNow.AddDays(-30);
        await bed.AddFollowersAsync(3, known); // users 0-2 followed a month ago
        var host = bed.StartHost();
        var tracker = host.Services.GetRequiredService<FollowerTracker>();
        var now = WeChatPush.Now();

        // First messages of 450 users; among them user 100 follows and user 200 unfollows (before the batch is written).
        for (var i = 0; i < users; i++)
        {
            tracker.Observe(new TextMessage { ToUserName = "gh_test", FromUserName = bed.User(i), CreateTime = now, MsgType = "text", Content = "你好", MsgId = i + 1 });
        }

        tracker.Observe(new SubscribeEvent { ToUserName = "gh_test", FromUserName = bed.User(100), CreateTime = now, MsgType = "event", Event = "subscribe" });
        tracker.Observe(new UnsubscribeEvent { ToUserName = "gh_test", FromUserName = bed.User(200), CreateTime = now, MsgType = "event", Event = "unsubscribe" });
        await tracker.FlushAsync(CancellationToken.None);

        Assert.DoesNotContain(host.Logs.Messages, m => m.Contains("follower changes", StringComparison.Ordinal));
        await using var db = bed.Database.CreateContext();
        var stored = await db.Followers.Where(f => f.OpenId.StartsWith(bed.UserPrefix)).ToDictionaryAsync(f => f.OpenId);
        Assert.Equal(users, stored.Count);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(known.ToUnixTimeSeconds(), stored[bed.User(i)].FirstSeenAt.ToUnixTimeSeconds()));
        Assert.All(Enumerable.Range(3, users - 3), i => Assert.True(stored[bed.User(i)].FirstSeenAt > known));
        Assert.True(stored[bed.User(100)].IsFollowing);
        Assert.False(stored[bed.User(200)].IsFollowing);
        Assert.NotNull(stored[bed.User(200)].UnfollowedAt);
        Assert.All(stored.Values.Where(f => f.OpenId != bed.User(200)), f => Assert.True(f.IsFollowing && f.UnfollowedAt is null));
    }

    [Fact]
    public async Task EveryoneAnnouncement_SkipsUsersWhoUnfollowed()
    {
        await using var bed = await OutboxTestBed.CreateAsync();
        await bed.AddFollowersAsync(3);
        var host = bed.StartHost();
        await bed.OpenWindowsAsync(host, Enumerable.Range(0, 3).Select(bed.User));
        await PushAsync(bed, host, WeChatPush.EventXml(bed.User(1), "unsubscribe"));
        await host.Services.GetRequiredService<FollowerTracker>().FlushAsync(CancellationToken.None);

        var published = await AnnouncementFanOutTests.PublishAsync(host, AnnouncementAudience.Everyone);
        await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 2);

        Assert.Equal(2, published.Recipients);
        Assert.Equal([bed.User(0), bed.User(2)], bed.Delivered(CustomSend).Keys.Order());
    }

    [Fact]
    public async Task BindDormByChat_ThenBuildingAnnouncement_ReachesResidentsAndReporters()
    {
        await using var bed = await OutboxTestBed.CreateAsync();
        var host = bed.StartHost();
        var (resident, neighbour, elsewhere) = (bed.User(1), bed.User(2), bed.User(3));

        var prompt = await PushAsync(bed, host, WeChatPush.TextXml(resident, "绑定宿舍", NextMsgId()));
        var bound = await PushAsync(bed, host, WeChatPush.TextXml(resident, "东区1号楼 302", NextMsgId()));
        await PushAsync(bed, host, WeChatPush.TextXml(neighbour, "绑定宿舍", NextMsgId()));
        var ambiguous = await PushAsync(bed, host, WeChatPush.TextXml(neighbour, "1号楼 415", NextMsgId()));
        var picked = await PushAsync(bed, host, WeChatPush.TextXml(neighbour, "1", NextMsgId()));
        await using (var db = bed.Database.CreateContext())
        {
            db.DormBindings.Add(DormBinding.Bind(elsewhere, ReferenceDataSeed.LocationId("W-D01"), "101", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await bed.OpenWindowsAsync(host, [resident, neighbour, elsewhere]);
        var published = await AnnouncementFanOutTests.PublishAsync(host, AnnouncementAudience.Building, ReferenceDataSeed.LocationId("E-D01"));
        await bed.WaitUntilSettledAsync(TimeSpan.FromSeconds(10), 2);

        Assert.Contains("宿舍楼和房间号", prompt);
        Assert.StartsWith("已绑定宿舍：东区学生公寓1号楼 302", bound);
        Assert.Contains("1. 东区学生公寓1号楼", ambiguous);
        Assert.StartsWith("已绑定宿舍：东区学生公寓1号楼 415", picked);
        Assert.Equal(2, published.Recipients);
        Assert.Equal([resident, neighbour], bed.Delivered(CustomSend).Keys.Order());
    }

    [Fact]
    public async Task AnnouncementKeyword_ListsTheFiveLatestForStudents()
    {
        await using var bed = await OutboxTestBed.CreateAsync();
        var host = bed.StartHost(new Dictionary<string, string?> { ["Announcements:StaffToUser"] = "zhang.san" });
        for (var i = 1; i <= 6; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new Handlers.Announcements.PublishAnnouncementCommand(
                $"通知{i}", $"正文{i}", AnnouncementAudience.Everyone, null, null, "staff"));
        }

        await AnnouncementFanOutTests.PublishAsync(host, AnnouncementAudience.Staff);
        await AnnouncementFanOutTests.PublishAsync(host, AnnouncementAudience.Everyone, scheduledAt: DateTimeOffset.UtcNow.AddHours(1));

        var reply = await PushAsync(bed, host, WeChatPush.TextXml(bed.User(1), "公告", NextMsgId()));
        var byMenu = await PushAsync(bed, host, WeChatPush.EventXml(bed.User(1), "CLICK", Handlers.Conversations.MenuKeys.Announcements));

        Assert.StartsWith("最新公告：", reply);
        Assert.Equal(["通知6", "通知5", "通知4", "通知3", "通知2"], System.Text.RegularExpressions.Regex.Matches(reply, "【(.+?)】").Select(m => m.Groups[1].Value));
        Assert.Equal(reply, byMenu);
    }

    private static long _msgId = Random.Shared.NextInt64(1, long.MaxValue / 2);

    private static long NextMsgId() => Interlocked.Increment(ref _msgId);

    private static async Task<string> PushAsync(OutboxTestBed bed, BotFactory host, string xml)
    {
        var push = new WeChatPush(appId: bed.AppId);
        var response = await host.CreateClient().SendAsync(push.Build(xml, PushMode.Safe));
        var body = await response.Content.ReadAsStringAsync();
        return body == "success" ? body : WeChatPush.ReplyText(push.OpenReply(body));
    }
}
