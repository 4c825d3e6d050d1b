using WechatLogistics.Domain.RepairTickets;

namespace WechatLogistics.Domain.Tests.RepairTickets;

/// <summary>Builds tickets in any status by walking the real lifecycle, one minute per step.</summary>
internal static class Tickets
{
    public const string Student = "o-student-xiaoming";
    public const string OtherStudent = "o-student-xiaohong";
    public const string Worker = "w-li";
    public const string OtherWorker = "w-wang";

    public static readonly DateTimeOffset T0 = new(2025, 9, 3, 9, 0, 0, TimeSpan.FromHours(8));
    public static readonly Actor Dispatcher = Actor.Staff("d-zhang");
    public static readonly Guid CategoryId = Guid.Parse("0199a0c0-0000-7000-8000-000000000001");

    public static RepairTicket Open(
        Priority priority = Priority.Normal,
        SlaPolicy? policy = null,
        string description = "卫生间水龙头一直滴水",
        IReadOnlyList<TicketPhoto>? photos = null,
        string? locationText = "东区1号楼 302",
        Guid? locationId = null) =>
        RepairTicket.Open(
            RepairTicketNumber.Create(DateOnly.FromDateTime(T0.Date), 1),
            Student,
            CategoryId,
            locationId,
            locationText,
            description,
            photos ?? [new TicketPhoto("media-1", "https://mmbiz.qpic.cn/1.jpg")],
            priority,
            policy ?? SlaPolicy.Default,
            T0);

    public static RepairTicket In(TicketStatus status)
    {
        var ticket = Open();
        var minute = 0;
        DateTimeOffset Next() => T0.AddMinutes(++minute);

        void Through(TicketStatus last)
        {
            ticket.Assign(Worker, Dispatcher, Next());
            if (last == TicketStatus.Assigned) return;
            ticket.Accept(Worker, Next());
            if (last == TicketStatus.Accepted) return;
            ticket.Start(Worker, Next());
            if (last == TicketStatus.InProgress) return;
            ticket.Resolve(Worker, "更换阀芯", Next());
        }

        switch (status)
        {
            case TicketStatus.Submitted:
                break;
            case TicketStatus.Cancelled:
                ticket.Cancel(Student, "自己修好了", Next());
                break;
            case TicketStatus.Rejected:
                ticket.Reject(Dispatcher, "重复报修", Next());
                break;
            case TicketStatus.Confirmed:
                Through(TicketStatus.Resolved);
                ticket.Confirm(Student, 5, "师傅很快", Next());
                break;
            case TicketStatus.Reopened:
                Through(TicketStatus.Resolved);
                ticket.Reopen(Student, "还在滴水", Next());
                break;
            default:
                Through(status);
                break;
        }

        Assert.Equal(status, ticket.Status);
        ticket.ClearDomainEvents();
        return ticket;
    }

    /// <summary>Performs <paramref name="action"/> as the rightful actor, so only the state decides.</summary>
    public static void Act(RepairTicket ticket, TicketAction action, DateTimeOffset now)
    {
        switch (action)
        {
            case TicketAction.Assign: ticket.Assign(OtherWorker, Dispatcher, now); break;
            case TicketAction.Accept: ticket.Accept(Worker, now); break;
            case TicketAction.Refuse: ticket.Refuse(Worker, "不在班", now); break;
            case TicketAction.Start: ticket.Start(Worker, now); break;
            case TicketAction.Resolve: ticket.Resolve(Worker, "已修好", now); break;
            case TicketAction.Confirm: ticket.Confirm(Student, 4, null, now); break;
            case TicketAction.Cancel: ticket.Cancel(Student, null, now); break;
            case TicketAction.Reject: ticket.Reject(Dispatcher, "非后勤维修范围", now); break;
            case TicketAction.Reopen: ticket.Reopen(Student, "没修好", now); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }
}
