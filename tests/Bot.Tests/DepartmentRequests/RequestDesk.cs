using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Tests.StaffWork;
using WechatLogistics.Bot.Tests.Support;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Domain.ReferenceData;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.DepartmentRequests;

namespace WechatLogistics.Bot.Tests.DepartmentRequests;

/// <summary>
/// The department-request handlers over one real, migrated and seeded database (the <see cref="StaffDesk"/>'s, with its
/// workers for the tickets), each call in its own DbContext as requests run them. Chain: 科员审核 (clerk) for every
/// request, 主任审批 (head) from 5000 yuan. Seeded departments CS, FL, YOUTH with contacts o-dept-cs-1 …
/// </summary>
public sealed class RequestDesk(StaffDesk staff)
{
    public const string Clerk = "clerk";
    public const string Head = "head";
    public const string CsContact = "o-dept-cs-1";
    public const string FlContact = "o-dept-fl-1";

    public static readonly Guid Cs = ReferenceDataSeed.DepartmentId("CS");
    public static readonly Guid Fl = ReferenceDataSeed.DepartmentId("FL");

    public static DepartmentRequestOptions Options { get; } = new()
    {
        Chain =
        [
            new ApprovalStepOptions { Name = "科员审核", UserIds = Clerk },
            new ApprovalStepOptions { Name = "主任审批", UserIds = Head, MinCost = 5000m },
        ],
    };

    public StaffDesk Staff => staff;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<RequestDesk> CreateAsync(TestDatabase database)
    {
        var staff = await StaffDesk.CreateAsync(database);
        await staff.AddStaffAsync(
            StaffMember.Create(Clerk, "后勤办科员", "C001", StaffRole.Dispatcher, null),
            StaffMember.Create(Head, "后勤办主任", "H001", StaffRole.Dispatcher, null));
        return new RequestDesk(staff);
    }

    /// <summary>A contact's request, one minute after the last call; wanted a week ahead unless said otherwise.</summary>
    public async Task<FiledDepartmentRequest> FileAsync(
        decimal cost, RequestKind kind = RequestKind.Maintenance, string contact = CsContact, DateOnly? wanted = null, string? key = null)
    {
        staff.Clock.Advance(TimeSpan.FromMinutes(1));
        return await SendAsync(new FileDepartmentRequestCommand(
            contact, false, null, kind, "302教室空调不制冷", "东区教学楼302", cost, wanted ?? new DateOnly(2026, 3, 9), key));
    }

    public async Task<FiledDepartmentRequest> SendAsync(FileDepartmentRequestCommand command)
    {
        await using var db = staff.Database.CreateContext();
        return await new FileDepartmentRequestCommandHandler(db, staff.Clock, Monitor()).Handle(command, Ct);
    }

    public async Task<DepartmentRequestDecision> SendAsync(ICommand<DepartmentRequestDecision> command)
    {
        await using var db = staff.Database.CreateContext();
        var decide = new DecideDepartmentRequestHandler(db, staff.Clock, new MaintenanceTicketFromRequest(db, staff.Cache, Monitor()));
        return command switch
        {
            ApproveDepartmentRequestCommand approve => await decide.Handle(approve, Ct),
            RejectDepartmentRequestCommand reject => await decide.Handle(reject, Ct),
            WithdrawDepartmentRequestCommand withdraw => await new WithdrawDepartmentRequestCommandHandler(db, staff.Clock).Handle(withdraw, Ct),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
    }

    public async Task<DepartmentCostReport> ReportAsync(DateOnly from, DateOnly to)
    {
        await using var db = staff.Database.CreateContext();
        return await new GetDepartmentCostReportQueryHandler(db).Handle(new GetDepartmentCostReportQuery(Clerk, from, to), Ct);
    }

    public async Task<DepartmentRequestPage> AwaitingAsync(string who)
    {
        await using var db = staff.Database.CreateContext();
        return await new DepartmentRequestQueriesHandler(db).Handle(new ListDepartmentRequestsQuery(who, AwaitingMe: true), Ct);
    }

    public async Task<DepartmentRequest> LoadAsync(string number)
    {
        await using var db = staff.Database.CreateContext();
        var parsed = DepartmentRequestNumber.Parse(number);
        return await db.DepartmentRequests.AsNoTracking().SingleAsync(r => r.Number == parsed, Ct);
    }

    public async Task<int> CountRequestsAsync()
    {
        await using var db = staff.Database.CreateContext();
        return await db.DepartmentRequests.CountAsync(Ct);
    }

    /// <summary>The tickets made from department requests (their key starts with <c>dept:</c>).</summary>
    public async Task<List<RepairTicket>> TicketsFromRequestsAsync()
    {
        await using var db = staff.Database.CreateContext();
        return await db.RepairTickets.AsNoTracking().Where(t => t.IdempotencyKey!.StartsWith("dept:")).ToListAsync(Ct);
    }

    private static IOptionsMonitor<DepartmentRequestOptions> Monitor() => new FixedOptions(Options);

    private sealed class FixedOptions(DepartmentRequestOptions value) : IOptionsMonitor<DepartmentRequestOptions>
    {
        public DepartmentRequestOptions CurrentValue => value;

        public DepartmentRequestOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<DepartmentRequestOptions, string?> listener) => null;
    }
}
