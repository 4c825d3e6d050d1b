using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Volunteering;

namespace WechatLogistics.Handlers.Tests.Volunteering;

public sealed class ShiftTextsTests
{
    private static readonly TimeSpan Campus = TimeSpan.FromHours(8);

    [Fact]
    public void When_ShowsCampusDateWeekdayAndTimes()
    {
        // Stored as UTC: 01:00Z is 09:00 on campus.
        var start = new DateTimeOffset(2025, 11, 29, 1, 0, 0, TimeSpan.Zero);

        Assert.Equal("11月29日 周六 09:00-11:00", ShiftTexts.When(start, start.AddHours(2)));
    }

    [Fact]
    public void When_PastMidnight_NamesTheEndDay()
    {
        var start = new DateTimeOffset(2025, 11, 30, 22, 0, 0, Campus);

        Assert.Equal("11月30日 周日 22:00-12月1日 01:00", ShiftTexts.When(start, start.AddHours(3)));
    }

    [Theory]
    [InlineData(2, 0, "剩余2个名额")]
    [InlineData(0, 3, "已满，可候补（前面3人）")]
    [InlineData(0, 0, "已满，可候补")]
    public void Places_OpenOrFull(int remaining, int waitlist, string expected) => Assert.Equal(expected, ShiftTexts.Places(remaining, waitlist));

    [Theory]
    [InlineData(SignupStatus.Confirmed, null, null, "已报名")]
    [InlineData(SignupStatus.Waitlisted, 2, null, "候补中（第2位）")]
    [InlineData(SignupStatus.CheckedIn, null, null, "已签到")]
    [InlineData(SignupStatus.Completed, null, 2.5, "已完成，2.5小时")]
    [InlineData(SignupStatus.Completed, null, 0.75, "已完成，0.75小时")]
    public void Status_InChineseWithPositionOrHours(SignupStatus status, int? position, double? hours, string expected) =>
        Assert.Equal(expected, ShiftTexts.Status(status, position, (decimal?)hours));
}
