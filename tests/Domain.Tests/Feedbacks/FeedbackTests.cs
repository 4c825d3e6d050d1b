using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Feedbacks;

namespace WechatLogistics.Domain.Tests.Feedbacks;

public sealed class FeedbackTests
{
    private static readonly DateTimeOffset Now = new(2025, 9, 3, 12, 30, 0, TimeSpan.FromHours(8));

    private static Feedback Submit(int stars, string? text, bool anonymous = false) =>
        Feedback.Submit("o-student-xiaoming", FeedbackSubject.Canteen, "第一食堂", stars, text, anonymous, Now);

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(5, false)]
    public void RequiresReason_OnlyForOneOrTwoStars(int stars, bool required) =>
        Assert.Equal(required, Feedback.RequiresReason(stars));

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, "   ")]
    public void Submit_LowScoreWithoutAReason_AsksForOne(int stars, string? text)
    {
        var error = Assert.Throws<DomainException>(() => Submit(stars, text));
        Assert.Equal("feedback.reason_required", error.Code);
    }

    [Fact]
    public void Submit_LowScoreWithAReason_IsAccepted()
    {
        var feedback = Submit(1, "  菜是凉的  ");

        Assert.Equal((1, "菜是凉的"), (feedback.Stars, feedback.Text));
        Assert.Single(feedback.DomainEvents.OfType<FeedbackSubmitted>());
    }

    [Fact]
    public void Submit_GoodScore_NeedsNoText() => Assert.Null(Submit(5, "").Text);

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Submit_StarsOutsideOneToFive_IsInvalid(int stars) =>
        Assert.Equal("feedback.invalid", Assert.Throws<DomainException>(() => Submit(stars, "还行")).Code);

    [Fact]
    public void Submit_TextOver500Characters_IsInvalid()
    {
        Assert.Equal(500, Submit(4, new string('好', 500)).Text!.Length);
        Assert.Equal("feedback.invalid", Assert.Throws<DomainException>(() => Submit(4, new string('好', 501))).Code);
    }

    [Fact]
    public void Submit_Anonymous_KeepsTheAuthorButHidesItFromStaffViews()
    {
        var feedback = Submit(2, "宿舍太吵", anonymous: true);

        Assert.Equal(("o-student-xiaoming", true, null), (feedback.AuthorOpenId, feedback.IsAnonymous, feedback.VisibleAuthorOpenId));
        Assert.Equal("o-student-xiaoming", Submit(4, null).VisibleAuthorOpenId);
    }

    [Fact]
    public void Submit_WithACallerChosenId_KeepsIt()
    {
        var id = Guid.CreateVersion7(Now);

        var feedback = Feedback.Submit("o-student-xiaoming", FeedbackSubject.Dorm, null, 4, null, false, Now, id);

        Assert.Equal(id, feedback.Id);
        Assert.Equal(id, Assert.Single(feedback.DomainEvents.OfType<FeedbackSubmitted>()).FeedbackId);
    }
}
