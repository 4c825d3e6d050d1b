using WechatLogistics.Domain.RepairTickets;
using static WechatLogistics.Domain.Tests.RepairTickets.Tickets;

namespace WechatLogistics.Domain.Tests.RepairTickets;

public sealed class SlaTests
{
    [Theory]
    [InlineData(Priority.Urgent, 2, 8)]
    [InlineData(Priority.Normal, 8, 24)]
    [InlineData(Priority.Low, 24, 72)]
    public void Open_StampsDueTimesFromTheDefaultPolicy(Priority priority, int responseHours, int resolveHours)
    {
        var ticket = Open(priority);

        Assert.Equal(T0.AddHours(responseHours), ticket.ResponseDueAt);
        Assert.Equal(T0.AddHours(resolveHours), ticket.ResolveDueAt);
    }

    [Fact]
    public void Open_WithACustomPolicy_UsesItsTargets()
    {
        var policy = SlaPolicy.Default with { Urgent = new SlaTarget(TimeSpan.FromMinutes(30), TimeSpan.FromHours(4)) };

        var ticket = Open(Priority.Urgent, policy);

        Assert.Equal((T0.AddMinutes(30), T0.AddHours(4)), (ticket.ResponseDueAt, ticket.ResolveDueAt));
    }

    [Fact]
    public void SlaTarget_ResolutionShorterThanResponse_IsAConfigurationError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlaTarget(TimeSpan.FromHours(8), TimeSpan.FromHours(2)));

    [Theory]
    [InlineData(0, SlaStage.OnTrack)]
    [InlineData(383, SlaStage.OnTrack)] // 6 h 23 min of 8 h: 79.8 %
    [InlineData(384, SlaStage.Warning)] // 6 h 24 min: exactly 80 %
    [InlineData(479, SlaStage.Warning)]
    [InlineData(480, SlaStage.Breached)] // 8 h: 100 %
    [InlineData(2000, SlaStage.Breached)]
    public void ResponseStage_WhileNobodyAccepted_FollowsTimeUsed(int minutes, SlaStage expected)
    {
        var ticket = In(TicketStatus.Assigned);

        Assert.Equal(expected, ticket.ResponseStageAt(T0.AddMinutes(minutes)));
    }

    [Fact]
    public void ResponseStage_StopsAtAcceptance_MetWhenInTimeBreachedWhenLate()
    {
        var onTime = In(TicketStatus.Assigned);
        onTime.Accept(Worker, T0.AddHours(7));
        var late = In(TicketStatus.Assigned);
        late.Accept(Worker, T0.AddHours(9));

        Assert.Equal(SlaStage.Met, onTime.ResponseStageAt(T0.AddDays(3)));
        Assert.Equal(SlaStage.Breached, late.ResponseStageAt(T0.AddDays(3)));
    }

    [Fact]
    public void ResolutionStage_RunsUntilResolved_AndAReopenResumesItAgainstTheOriginalDueTime()
    {
        var ticket = In(TicketStatus.InProgress);
        Assert.Equal(SlaStage.Warning, ticket.ResolutionStageAt(T0.AddHours(20)));

        ticket.Resolve(Worker, null, T0.AddHours(20));
        Assert.Equal(SlaStage.Met, ticket.ResolutionStageAt(T0.AddHours(30)));

        ticket.Reopen(Student, "没修好", T0.AddHours(30));
        Assert.Equal(SlaStage.Breached, ticket.ResolutionStageAt(T0.AddHours(30)));
    }

    [Fact]
    public void StageAt_IsTheWorseOfTheTwoClocks()
    {
        var ticket = In(TicketStatus.Assigned);

        Assert.Equal(SlaStage.Breached, ticket.StageAt(T0.AddHours(9)));
        ticket.Accept(Worker, T0.AddHours(1));
        Assert.Equal(SlaStage.OnTrack, ticket.StageAt(T0.AddHours(9)));
        Assert.Equal(SlaStage.Warning, ticket.StageAt(T0.AddHours(20)));
    }

    [Fact]
    public void CancelledTicket_StopsBothClocks()
    {
        var ticket = In(TicketStatus.Cancelled);

        Assert.Equal(SlaStage.Met, ticket.StageAt(T0.AddDays(10)));
    }
}
