using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Domain.Tests.RepairTickets;

public sealed class RepairTicketLifecycleTests
{
    // The specification, written out independently of RepairTicketLifecycle so a slip in either one shows.
    private static readonly Dictionary<(TicketStatus, TicketAction), TicketStatus> Expected = new()
    {
        [(TicketStatus.Submitted, TicketAction.Assign)] = TicketStatus.Assigned,
        [(TicketStatus.Submitted, TicketAction.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Submitted, TicketAction.Reject)] = TicketStatus.Rejected,
        [(TicketStatus.Assigned, TicketAction.Assign)] = TicketStatus.Assigned,
        [(TicketStatus.Assigned, TicketAction.Accept)] = TicketStatus.Accepted,
        [(TicketStatus.Assigned, TicketAction.Refuse)] = TicketStatus.Submitted,
        [(TicketStatus.Assigned, TicketAction.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Assigned, TicketAction.Reject)] = TicketStatus.Rejected,
        [(TicketStatus.Accepted, TicketAction.Start)] = TicketStatus.InProgress,
        [(TicketStatus.Accepted, TicketAction.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Accepted, TicketAction.Reject)] = TicketStatus.Rejected,
        [(TicketStatus.InProgress, TicketAction.Resolve)] = TicketStatus.Resolved,
        [(TicketStatus.Resolved, TicketAction.Confirm)] = TicketStatus.Confirmed,
        [(TicketStatus.Resolved, TicketAction.Reopen)] = TicketStatus.Reopened,
        [(TicketStatus.Reopened, TicketAction.Assign)] = TicketStatus.Assigned,
    };

    public static TheoryData<TicketStatus, TicketAction> EveryPair()
    {
        var data = new TheoryData<TicketStatus, TicketAction>();
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            foreach (var action in Enum.GetValues<TicketAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Act_EveryStatusAndAction_MovesOrRefusesExactlyAsSpecified(TicketStatus status, TicketAction action)
    {
        var ticket = Tickets.In(status);
        var timelineCount = ticket.Timeline.Count;
        var version = ticket.Version;
        var at = Tickets.T0.AddHours(1);

        Assert.Equal(Expected.ContainsKey((status, action)), RepairTicketLifecycle.Allowed(status, action));
        if (Expected.TryGetValue((status, action), out var target))
        {
            Tickets.Act(ticket, action, at);

            Assert.Equal(target, ticket.Status);
            Assert.Equal(timelineCount + 1, ticket.Timeline.Count);
            Assert.Equal(status, ticket.Timeline[^1].FromStatus);
            Assert.Equal(target, ticket.Timeline[^1].ToStatus);
            Assert.Equal(at, ticket.Timeline[^1].At);
            var changed = Assert.IsType<RepairTicketStatusChanged>(Assert.Single(ticket.DomainEvents));
            Assert.Equal((action, status, target), (changed.Action, changed.From, changed.To));
        }
        else
        {
            var error = Assert.Throws<DomainException>(() => Tickets.Act(ticket, action, at));

            Assert.Equal("ticket.invalid_transition", error.Code);
            Assert.Contains(status.Name(), error.Message, StringComparison.Ordinal);
            Assert.Equal(status, ticket.Status);
            Assert.Equal(timelineCount, ticket.Timeline.Count);
            Assert.Equal(version, ticket.Version);
            Assert.Empty(ticket.DomainEvents);
        }
    }

    [Fact]
    public void AllowedActions_ForUi_ListsOnlyWhatTheStudentOrStaffCanDoNow()
    {
        Assert.Equal([TicketAction.Confirm, TicketAction.Reopen], RepairTicketLifecycle.AllowedActions(TicketStatus.Resolved));
        Assert.Equal([TicketAction.Assign], RepairTicketLifecycle.AllowedActions(TicketStatus.Reopened));
        Assert.True(RepairTicketLifecycle.IsTerminal(TicketStatus.Confirmed));
        Assert.True(RepairTicketLifecycle.IsTerminal(TicketStatus.Cancelled));
        Assert.True(RepairTicketLifecycle.IsTerminal(TicketStatus.Rejected));
        Assert.False(RepairTicketLifecycle.IsTerminal(TicketStatus.Reopened));
    }
}
