using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.ScoreCards;

namespace WechatLogistics.Domain.Tests.ScoreCards;

public sealed class ScoreFormulaTests
{
    [Theory]
    // Higher is better: min(100, 100 × actual / target).
    [InlineData(ScoreIndicator.SlaCompliance, 45.0, 90.0, 50.0)]
    [InlineData(ScoreIndicator.SlaCompliance, 95.0, 90.0, 100.0)]
    [InlineData(ScoreIndicator.Satisfaction, 0.0, 4.5, 0.0)]
    [InlineData(ScoreIndicator.TicketsClosed, 30.0, 40.0, 75.0)]
    // Lower is better: 100 up to the target, then 100 × target / actual.
    [InlineData(ScoreIndicator.ReworkRate, 0.0, 5.0, 100.0)]
    [InlineData(ScoreIndicator.ReworkRate, 5.0, 5.0, 100.0)]
    [InlineData(ScoreIndicator.ReworkRate, 20.0, 5.0, 25.0)]
    [InlineData(ScoreIndicator.MedianResolutionMinutes, 2880.0, 1440.0, 50.0)]
    [InlineData(ScoreIndicator.Complaints, 8.0, 2.0, 25.0)]
    public void Score_FollowsTheDirectionOfTheIndicator(ScoreIndicator indicator, double actual, double target, double expected) =>
        Assert.Equal(expected, ScoreFormula.Score(indicator, actual, target));

    [Fact]
    public void Card_IsTheWeightedMean_OverIndicatorsWithData_RoundedOnce()
    {
        IndicatorTarget[] targets = [new(ScoreIndicator.SlaCompliance, 50, 90), new(ScoreIndicator.Satisfaction, 30, 4.5), new(ScoreIndicator.Complaints, 20, 2)];

        // SLA 100·60/90 = 66.67; nobody rated: left out; complaints 3 > 2 → 66.67. (50·66.67 + 20·66.67) / 70 = 66.67 → 66.7.
        var (indicators, total) = ScoreFormula.Card(targets, i => i switch { ScoreIndicator.SlaCompliance => 60, ScoreIndicator.Complaints => 3, _ => null });
        var (_, empty) = ScoreFormula.Card(targets, _ => null);

        Assert.Equal(66.7, total);
        Assert.Equal([66.7, null, 66.7], indicators.Select(i => i.Score));
        Assert.Null(empty);
    }

    [Fact]
    public void Lock_OnlyAnEndedPeriod_WithAnOrderedRange()
    {
        var today = new DateOnly(2026, 4, 1);
        var now = new DateTimeOffset(2026, 4, 1, 1, 0, 0, TimeSpan.Zero);

        var period = ScoreCardPeriod.Lock(ScoreCardScope.Team, new(2026, 3, 1), today, today, " admin ", "{}", now);
        var open = Assert.Throws<DomainException>(() => ScoreCardPeriod.Lock(ScoreCardScope.Team, new(2026, 3, 1), today.AddDays(1), today, "admin", "{}", now));
        var reversed = Assert.Throws<DomainException>(() => ScoreCardPeriod.Lock(ScoreCardScope.Worker, today, today, today, "admin", "{}", now));

        Assert.Equal(("admin", now), (period.LockedBy, period.LockedAt));
        Assert.Equal("score_card.period_open", open.Code);
        Assert.Equal("score_card.invalid", reversed.Code);
    }
}
