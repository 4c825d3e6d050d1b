using System.Text.RegularExpressions;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.Tests.WeChat;

/// <summary>
/// 志愿 and 我的值班 end to end: encrypted pushes to /wechat/callback, sessions and dedupe in real Redis, signups
/// checked in the database. A fresh host per test, so each test's shifts are the soonest ones listed.
/// </summary>
public sealed partial class VolunteerChatTests
{
    private static readonly string Redis = TestServers.RedisConnectionString();

    [Fact]
    public async Task Claim_ByNumber_Confirms_AndTheSecondStudentOnAFullShiftIsWaitlisted()
    {
        await using var host = NewHost();
        var shift = await host.Services.AddShiftAsync(HostData.TomorrowOnCampusAt(9), TimeSpan.FromHours(2), capacity: 1, title: "迎新引导");
        var first = Student(host);
        var second = Student(host);
        var third = Student(host);

        var list = await first.SayAsync("志愿");
        var confirmed = await first.SayAsync(NumberOf(list, "迎新引导"));
        var fullList = await second.ClickAsync(MenuKeys.Volunteer);
        var waitlisted = await second.SayAsync(NumberOf(fullList, "迎新引导"));
        var secondInLine = await third.SayAsync("值班", NumberOf(fullList, "迎新引导"));

        Assert.Matches(@"\d+\. 迎新引导｜图书馆\n   \d+月\d+日 周. \d\d:\d\d-\d\d:\d\d｜剩余1个名额", list);
        Assert.Contains("食堂高峰引导｜第一食堂", list);
        Assert.StartsWith("报名成功！\n迎新引导｜图书馆", confirmed);
        Assert.Contains("迎新引导｜图书馆\n   ", fullList);
        Assert.Contains("｜已满，可候补", fullList);
        Assert.StartsWith("该岗位已满，已加入候补，第1位。", waitlisted);
        Assert.StartsWith("该岗位已满，已加入候补，第2位。", secondInLine);
        var stored = await host.Services.ShiftAsync(shift.Id);
        Assert.Equal(SignupStatus.Confirmed, stored.SignupOf(first.OpenId)!.Status);
        Assert.Equal((1, 2), (stored.WaitlistPositionOf(second.OpenId), stored.WaitlistPositionOf(third.OpenId)));
    }

    [Fact]
    public async Task MyShifts_CancelWithConfirmation_PromotesTheWaitlistedStudent()
    {
        await using var host = NewHost();
        var shift = await host.Services.AddShiftAsync(HostData.TomorrowOnCampusAt(9), TimeSpan.FromHours(2), capacity: 1, title: "图书整理");
        var holder = Student(host);
        var waiting = Student(host);
        await holder.SayAsync("志愿", "1");
        await waiting.SayAsync("志愿", "1");

        var mine = await holder.SayAsync("我的值班");
        var actions = await holder.SayAsync(NumberOf(mine, "图书整理"));
        var confirm = await holder.SayAsync("1");
        var done = await holder.SayAsync("确认");
        var waitingSees = await waiting.ClickAsync(MenuKeys.MyShifts);

        Assert.Matches(@"你的志愿值班（累计志愿时长 0 小时）：\n1\. 图书整理｜图书馆\n   .+｜已报名\n", mine);
        Assert.Contains("请选择：\n1. 取消报名", actions);
        Assert.StartsWith("确定取消以下报名吗？", confirm);
        Assert.Equal("已取消报名，名额已自动递补给候补的同学。", done);
        Assert.Contains("图书整理｜图书馆\n   ", waitingSees);
        Assert.Contains("｜已报名", waitingSees);
        var stored = await host.Services.ShiftAsync(shift.Id);
        Assert.Equal((SignupStatus.Cancelled, SignupStatus.Confirmed), (stored.SignupOf(holder.OpenId)!.Status, stored.SignupOf(waiting.OpenId)!.Status));
    }

    [Fact]
    public async Task Claim_OverlappingShift_SaysWhyAndOffersTheListAgain()
    {
        await using var host = NewHost();
        await host.Services.AddShiftAsync(HostData.TomorrowOnCampusAt(9), TimeSpan.FromHours(2), capacity: 3, title: "上午岗");
        await host.Services.AddShiftAsync(HostData.TomorrowOnCampusAt(10), TimeSpan.FromHours(2), capacity: 3, title: "重叠岗");
        var student = Student(host);
        var list = await student.SayAsync("志愿");
        await student.SayAsync(NumberOf(list, "上午岗"));

        var again = await student.SayAsync("志愿");
        var refused = await student.SayAsync(NumberOf(again, "重叠岗"));

        Assert.Contains("上午岗｜图书馆（你已报名）", again);
        Assert.StartsWith("你在这个时间段已有其他岗位，不能重复报名。\n可报名的志愿岗位：\n", refused);
        Assert.Contains("重叠岗｜图书馆", refused);
    }

    [Fact]
    public async Task ClaimMessage_DeliveredThreeTimes_OrTappedTwice_MakesOneSignup()
    {
        await using var host = NewHost();
        var shift = await host.Services.AddShiftAsync(HostData.TomorrowOnCampusAt(9), TimeSpan.FromHours(2), capacity: 2, title: "重复测试");
        var student = Student(host);
        var list = await student.SayAsync("志愿");
        var number = NumberOf(list, "重复测试");

        var first = await student.SayAsync(number);
        var retries = new[] { await student.RetryAsync(number), await student.RetryAsync(number) };
        await student.SayAsync("志愿");
        var doubleTap = await Task.WhenAll(student.SayAsync(number), student.SayAsync(number));

        Assert.StartsWith("报名成功！", first);
        Assert.Equal([first, first], retries);
        Assert.DoesNotContain(ChatTexts.Busy, doubleTap);
        var stored = await host.Services.ShiftAsync(shift.Id);
        Assert.Equal(student.OpenId, Assert.Single(stored.Signups).VolunteerOpenId);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task CheckInAndOut_ThroughMyShifts()
    {
        await using var host = NewHost();
        var shift = await host.Services.AddShiftAsync(DateTimeOffset.UtcNow.AddMinutes(5), TimeSpan.FromHours(1), capacity: 2, title: "马上开始");
        var student = Student(host);
        await student.SayAsync("志愿", "1");

        var mine = await student.SayAsync("我的值班");
        var actions = await student.SayAsync("1");
        var checkedIn = await student.SayAsync("签到");
        await student.SayAsync("我的值班", "1");
        var checkedOut = await student.SayAsync("签退");

        Assert.Contains("马上开始｜图书馆\n   ", mine);
        Assert.Contains("｜已报名｜可签到", mine);
        Assert.Contains("1. 取消报名\n2. 签到", actions);
        Assert.StartsWith("签到成功！签到时间 ", checkedIn);
        // Checked out before the start: nothing to credit yet.
        Assert.StartsWith("签退成功！本次志愿时长 0 小时，累计 0 小时。", checkedOut);
        Assert.Equal(SignupStatus.Completed, (await host.Services.ShiftAsync(shift.Id)).SignupOf(student.OpenId)!.Status);
    }

    private static BotFactory NewHost() => new(Redis, HostData.ChatSettings());

    private static ChatUser Student(BotFactory host) => new(host, "o-vol-" + Guid.NewGuid().ToString("N")[..12]);

    internal static string NumberOf(string list, string title)
    {
        var match = ListedAs().Matches(list).FirstOrDefault(m => m.Groups["title"].Value == title);
        Assert.True(match is not null, $"{title} is not in the list:\n{list}");
        return match.Groups["n"].Value;
    }

    [GeneratedRegex(@"(?m)^(?<n>\d+)\. (?<title>[^｜\n]+)｜")]
    private static partial Regex ListedAs();
}
