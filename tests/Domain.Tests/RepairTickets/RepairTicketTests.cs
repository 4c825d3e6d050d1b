using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using static WechatLogistics.Domain.Tests.RepairTickets.Tickets;

namespace WechatLogistics.Domain.Tests.RepairTickets;

public sealed class RepairTicketTests
{
    [Fact]
    public void Open_ValidReport_IsSubmittedWithOpeningTimelineAndEvent()
    {
        var ticket = Open(description: "  卫生间水龙头一直滴水  ");

        Assert.Equal(TicketStatus.Submitted, ticket.Status);
        Assert.Equal("卫生间水龙头一直滴水", ticket.Description);
        Assert.Equal(1, ticket.Round);
        var entry = Assert.Single(ticket.Timeline);
        Assert.Equal((TicketTimelineAction.Opened, ActorKind.Student, Student, (TicketStatus?)null, TicketStatus.Submitted, T0),
            (entry.Action, entry.ActorKind, entry.ActorId, entry.FromStatus, entry.ToStatus, entry.At));
        var opened = Assert.IsType<RepairTicketOpened>(Assert.Single(ticket.DomainEvents));
        Assert.Equal("R20250903-0001", opened.Number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Open_BlankDescription_IsInvalid(string description)
    {
        var error = Assert.Throws<DomainException>(() => Open(description: description));
        Assert.Equal("ticket.invalid", error.Code);
    }

    [Fact]
    public void Open_DescriptionLengthIsCountedAfterTrimming()
    {
        Assert.Equal(500, Open(description: "  " + new string('漏', 500) + "  ").Description.Length);
        Assert.Equal("ticket.invalid", Assert.Throws<DomainException>(() => Open(description: new string('漏', 501))).Code);
    }

    [Fact]
    public void Open_AtMostNinePhotos()
    {
        TicketPhoto[] Photos(int n) => [.. Enumerable.Range(1, n).Select(i => new TicketPhoto($"m{i}", null))];

        Assert.Equal(9, Open(photos: Photos(9)).Photos.Count);
        var error = Assert.Throws<DomainException>(() => Open(photos: Photos(10)));
        Assert.Equal("ticket.invalid", error.Code);
        Assert.Contains("9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_WithoutAnyLocation_IsInvalid()
    {
        var error = Assert.Throws<DomainException>(() => Open(locationText: "  "));
        Assert.Equal(("ticket.invalid", "请填写报修地点。"), (error.Code, error.Message));
    }

    [Theory]
    [InlineData(TicketAction.Cancel, TicketStatus.Submitted)]
    [InlineData(TicketAction.Confirm, TicketStatus.Resolved)]
    [InlineData(TicketAction.Reopen, TicketStatus.Resolved)]
    public void StudentActions_OnSomeoneElsesTicket_AreRefusedWithoutChange(TicketAction action, TicketStatus status)
    {
        var ticket = In(status);
        Action act = action switch
        {
            TicketAction.Cancel => () => ticket.Cancel(OtherStudent, null, T0.AddHours(1)),
            TicketAction.Confirm => () => ticket.Confirm(OtherStudent, 5, null, T0.AddHours(1)),
            _ => () => ticket.Reopen(OtherStudent, "没修好", T0.AddHours(1)),
        };

        Assert.Equal("ticket.not_owner", Assert.Throws<DomainException>(act).Code);
        Assert.Equal(status, ticket.Status);
    }

    [Fact]
    public void StudentAction_OnSomeoneElsesClosedTicket_RevealsOnlyThatItIsNotTheirs()
    {
        var ticket = In(TicketStatus.Confirmed);
        Assert.Equal("ticket.not_owner", Assert.Throws<DomainException>(() => ticket.Cancel(OtherStudent, null, T0)).Code);
    }

    [Fact]
    public void WorkerActions_ByAWorkerItIsNotAssignedTo_AreRefused()
    {
        var ticket = In(TicketStatus.Assigned);

        Assert.Equal("ticket.not_assignee", Assert.Throws<DomainException>(() => ticket.Accept(OtherWorker, T0.AddHours(1))).Code);
        Assert.Equal("ticket.not_assignee", Assert.Throws<DomainException>(() => ticket.Refuse(OtherWorker, "忙", T0.AddHours(1))).Code);
        Assert.Equal(TicketStatus.Assigned, ticket.Status);
    }

    [Fact]
    public void Cancel_AfterWorkStarted_TellsTheStudentWhy()
    {
        var ticket = In(TicketStatus.InProgress);

        var error = Assert.Throws<DomainException>(() => ticket.Cancel(Student, "不想修了", T0.AddHours(1)));

        Assert.Equal(("ticket.invalid_transition", "该报修单当前状态为“维修中”，不能取消。"), (error.Code, error.Message));
    }

    [Fact]
    public void Assign_SameWorkerAgain_IsARepeatNotANewDispatch()
    {
        var ticket = In(TicketStatus.Assigned);

        Assert.Equal("ticket.already_assigned", Assert.Throws<DomainException>(() => ticket.Assign(Worker, Dispatcher, T0.AddHours(1))).Code);
        ticket.Assign(OtherWorker, Dispatcher, T0.AddHours(1));
        Assert.Equal(OtherWorker, ticket.AssigneeId);
    }

    [Fact]
    public void Refuse_ReleasesTheWorkerAndReturnsToDispatchWithTheReason()
    {
        var ticket = In(TicketStatus.Assigned);

        Assert.Equal("ticket.reason_required", Assert.Throws<DomainException>(() => ticket.Refuse(Worker, " ", T0.AddHours(1))).Code);
        ticket.Refuse(Worker, "今天不在班", T0.AddHours(1));

        Assert.Equal(TicketStatus.Submitted, ticket.Status);
        Assert.Null(ticket.AssigneeId);
        Assert.Null(ticket.FirstResponseAt);
        var entry = ticket.Timeline[^1];
        Assert.Equal((TicketTimelineAction.Refused, ActorKind.Worker, Worker, "今天不在班"), (entry.Action, entry.ActorKind, entry.ActorId, entry.Note));
    }

    [Fact]
    public void Reject_RequiresAReason()
    {
        var ticket = In(TicketStatus.Submitted);

        Assert.Equal("ticket.reason_required", Assert.Throws<DomainException>(() => ticket.Reject(Dispatcher, "", T0)).Code);
        ticket.Reject(Dispatcher, "属于宿舍自管范围", T0.AddMinutes(5));
        Assert.Equal((TicketStatus.Rejected, T0.AddMinutes(5)), (ticket.Status, ticket.ClosedAt));
    }

    [Fact]
    public void Reopen_StartsANewRoundThatGoesBackThroughDispatchAndAcceptance()
    {
        var ticket = In(TicketStatus.Resolved);
        var firstResponse = ticket.FirstResponseAt;

        ticket.Reopen(Student, "还是滴水", T0.AddHours(3));
        Assert.Equal((TicketStatus.Reopened, 2, Worker), (ticket.Status, ticket.Round, ticket.AssigneeId));
        Assert.Null(ticket.ResolvedAt);

        ticket.Assign(Worker, Dispatcher, T0.AddHours(4));
        ticket.Accept(Worker, T0.AddHours(5));
        ticket.Start(Worker, T0.AddHours(6));
        ticket.Resolve(Worker, "更换整个龙头", T0.AddHours(7));
        ticket.Reopen(Student, "又坏了", T0.AddHours(8));

        Assert.Equal(3, ticket.Round);
        Assert.Equal(firstResponse, ticket.FirstResponseAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Confirm_RatingOutsideOneToFive_IsRefused(int rating)
    {
        var ticket = In(TicketStatus.Resolved);
        Assert.Equal("ticket.invalid_rating", Assert.Throws<DomainException>(() => ticket.Confirm(Student, rating, null, T0)).Code);
        Assert.Equal(TicketStatus.Resolved, ticket.Status);
    }

    [Fact]
    public void FullRepair_RecordsKpiTimesAndATimelineWithActorsTimesAndNotes()
    {
        var ticket = Open();
        ticket.Assign(Worker, Actor.System, T0.AddMinutes(1));
        ticket.Accept(Worker, T0.AddMinutes(20));
        ticket.Start(Worker, T0.AddMinutes(50));
        ticket.Resolve(Worker, "更换阀芯", T0.AddMinutes(90));
        ticket.Confirm(Student, 5, " 师傅很快 ", T0.AddHours(5));

        Assert.Equal((T0.AddMinutes(20), T0.AddMinutes(90), T0.AddHours(5)), (ticket.FirstResponseAt, ticket.ResolvedAt, ticket.ConfirmedAt));
        Assert.Equal((5, "师傅很快"), (ticket.Rating, ticket.RatingComment));
        Assert.Equal(
            [
                (TicketTimelineAction.Opened, ActorKind.Student, Student, T0, null),
                (TicketTimelineAction.Assigned, ActorKind.System, "system", T0.AddMinutes(1), null),
                (TicketTimelineAction.Accepted, ActorKind.Worker, Worker, T0.AddMinutes(20), null),
                (TicketTimelineAction.Started, ActorKind.Worker, Worker, T0.AddMinutes(50), null),
                (TicketTimelineAction.Resolved, ActorKind.Worker, Worker, T0.AddMinutes(90), "更换阀芯"),
                (TicketTimelineAction.Confirmed, ActorKind.Student, Student, T0.AddHours(5), (string?)"师傅很快"),
            ],
            ticket.Timeline.Select(e => (e.Action, e.ActorKind, e.ActorId, e.At, e.Note)));
        Assert.All(ticket.Timeline.Skip(1), e => Assert.Equal(Worker, e.AssigneeId));
    }

    [Fact]
    public void StatusChanged_CarriesWhoToNotify()
    {
        var ticket = In(TicketStatus.Submitted);
        ticket.Assign(Worker, Dispatcher, T0.AddMinutes(1));

        var changed = Assert.IsType<RepairTicketStatusChanged>(Assert.Single(ticket.DomainEvents));
        Assert.Equal((Student, Worker, Dispatcher), (changed.ReporterOpenId, changed.AssigneeId, changed.Actor));
    }
}
