using WechatLogistics.Bot.Persistence;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.RepairTickets;

namespace WechatLogistics.Bot.Tests.RepairTickets;

/// <summary>Cancel, confirm and rate, reopen — and another student, who cannot tell the ticket exists.</summary>
public sealed class StudentTicketActionTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnotherStudent_CannotSeeCancelConfirmOrReopen_ItIsNotFound(DatabaseProvider provider)
    {
        await using var database = await OpenRepairTicketTests.ReadyAsync(provider);
        var desk = new TicketDesk(database);
        var ticket = await desk.OpenAsync(TicketDesk.Report("k"));
        await desk.ResolveAsync(ticket.TicketId);
        const string stranger = TicketDesk.Stranger;

        Func<Task>[] attempts =
        [
            () => desk.GetAsync(ticket.TicketId, null, stranger),
            () => desk.GetAsync(null, ticket.Number, stranger),
            () => desk.CancelAsync(ticket.TicketId, stranger),
            () => desk.ConfirmAsync(ticket.TicketId, stranger, 1),
            () => desk.ReopenAsync(ticket.TicketId, stranger, "没修好"),
            () => desk.GetAsync(Guid.NewGuid(), null, TicketDesk.Student),
        ];
        foreach (var attempt in attempts)
        {
            var error = await Assert.ThrowsAsync<DomainException>(attempt);
            Assert.Equal(("ticket.not_found", "没有找到这张报修单。"), (error.Code, error.Message));
        }

        Assert.Empty((await desk.ListAsync(stranger, includeClosed: true)).Items);
        var unchanged = await desk.LoadAsync(ticket.TicketId);
        Assert.Equal((TicketStatus.Resolved, 5, null), (unchanged.Status, unchanged.Version, unchanged.Rating));
    }

    [Fact]
    public async Task Cancel_BeforeWorkStarts_ClosesTheTicket_AndTwiceIsARuleBroken()
    {
        await using var database = await OpenRepairTicketTests.ReadyAsync(DatabaseProvider.Sqlite);
        var desk = new TicketDesk(database);
        var ticket = await desk.OpenAsync(TicketDesk.Report("k"));

        var cancelled = await desk.CancelAsync(ticket.TicketId, TicketDesk.Student);
        var again = await Assert.ThrowsAsync<DomainException>(() => desk.CancelAsync(ticket.TicketId, TicketDesk.Student));

        Assert.Equal((ticket.Number, TicketStatus.Cancelled), (cancelled.Number, cancelled.Status));
        Assert.Equal("ticket.invalid_transition", again.Code);
        var stored = await desk.LoadAsync(ticket.TicketId);
        Assert.Equal([TicketTimelineAction.Opened, TicketTimelineAction.Cancelled], stored.Timeline.Select(e => e.Action));
        Assert.Equal("已自行修好", stored.Timeline[^1].Note);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Confirm_AResolvedTicket_ClosesItWithTheRating(DatabaseProvider provider)
    {
        await using var database = await OpenRepairTicketTests.ReadyAsync(provider);
        var desk = new TicketDesk(database);
        var ticket = await desk.OpenAsync(TicketDesk.Report("k"));
        var early = await Assert.ThrowsAsync<DomainException>(() => desk.ConfirmAsync(ticket.TicketId, TicketDesk.Student, 5));
        await desk.ResolveAsync(ticket.TicketId);

        var confirmed = await desk.ConfirmAsync(ticket.TicketId, TicketDesk.Student, 4, "师傅很耐心");

        Assert.Equal("ticket.invalid_transition", early.Code);
        Assert.Equal(TicketStatus.Confirmed, confirmed.Status);
        var stored = await desk.LoadAsync(ticket.TicketId);
        Assert.Equal((4, "师傅很耐心", desk.Clock.GetUtcNow()), (stored.Rating, stored.RatingComment, stored.ClosedAt));
    }

    [Fact]
    public async Task Reopen_AResolvedTicket_StartsASecondRound()
    {
        await using var database = await OpenRepairTicketTests.ReadyAsync(DatabaseProvider.Sqlite);
        var desk = new TicketDesk(database);
        var ticket = await desk.OpenAsync(TicketDesk.Report("k"));
        await desk.ResolveAsync(ticket.TicketId);

        var reopened = await desk.ReopenAsync(ticket.TicketId, TicketDesk.Student, "还是滴水");

        Assert.Equal(TicketStatus.Reopened, reopened.Status);
        var stored = await desk.LoadAsync(ticket.TicketId);
        Assert.Equal((2, null, "还是滴水"), (stored.Round, stored.ResolvedAt, stored.Timeline[^1].Note));
    }

    [Theory]
    [InlineData(0, null, "Rating")]
    [InlineData(6, null, "Rating")]
    [InlineData(5, "x", null)]
    public void ConfirmCommand_RatingOutsideOneToFive_IsInvalid(int rating, string? comment, string? field)
    {
        var errors = new ConfirmRepairCommand(Guid.NewGuid(), "o-student", rating, comment).Validate();

        Assert.Equal(field is null ? [] : [field], errors.Select(e => e.Field));
    }
}
