using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Feedbacks;

namespace WechatLogistics.Handlers.Tests.Feedbacks;

public sealed class FeedbackAnswersTests
{
    [Theory]
    [InlineData("5", 5)]
    [InlineData("５", 5)]
    [InlineData("五", 5)]
    [InlineData("⭐⭐⭐⭐⭐", 5)]
    [InlineData("⭐️⭐️⭐️", 3)] // with the emoji variation selector phones add
    [InlineData("★★", 2)]
    [InlineData("1", 1)]
    [InlineData("两", 2)]
    [InlineData("4星", 4)]
    [InlineData("三分", 3)]
    [InlineData("2颗星", 2)]
    [InlineData("0", null)]
    [InlineData("6", null)]
    [InlineData("六", null)]
    [InlineData("⭐⭐⭐⭐⭐⭐", null)]
    [InlineData("⭐好", null)]
    [InlineData("55", null)]
    [InlineData("", null)]
    [InlineData("星", null)]
    [InlineData("'; DROP TABLE Feedbacks; --", null)]
    public void Stars_WhatPhonesType_ReadsOneToFiveOrNothing(string typed, int? expected) =>
        Assert.Equal(expected, FeedbackAnswers.Stars(TextNormalizer.Normalize(typed)));

    [Theory]
    [InlineData("是", true)]
    [InlineData("匿名", true)]
    [InlineData("1", true)]
    [InlineData("好", true)]
    [InlineData("否", false)]
    [InlineData("不匿名", false)]
    [InlineData("实名", false)]
    [InlineData("2", false)]
    [InlineData("也许", null)]
    [InlineData("", null)]
    public void YesNo_ReadsTheCommonWays(string typed, bool? expected) => Assert.Equal(expected, FeedbackAnswers.YesNo(typed));

    [Theory]
    [InlineData("菜有点咸", true)]
    [InlineData("ok", true)]
    [InlineData("😡😡😡", false)]
    [InlineData("！！！", false)]
    public void HasWords_EmojiOrPunctuationAlone_IsNotText(string text, bool expected) => Assert.Equal(expected, FeedbackAnswers.HasWords(text));
}
