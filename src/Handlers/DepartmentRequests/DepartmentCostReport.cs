using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.DepartmentRequests;

/// <summary>
/// Estimated costs per department over the requests filed from <paramref name="From"/> to <paramref name="To"/> (campus
/// dates, <c>To</c> exclusive), for any staff member. Reported separately: requested (everything filed and not withdrawn),
/// approved, rejected and still pending (requested = approved + rejected + pending); withdrawn requests are counted but
/// cost nothing. Every department is listed, also with nothing filed.
/// </summary>
public sealed record GetDepartmentCostReportQuery(string ActorUserId, DateOnly From, DateOnly To) : IQuery<DepartmentCostReport>, IValidatable
{
    public const int MaxDays = 731;

    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(ActorUserId), ActorUserId),
        .. InputRules.Unless(From < To && To.DayNumber - From.DayNumber <= MaxDays, nameof(To), $"统计区间需要结束日期晚于开始日期，且不超过{MaxDays}天。"),
    ];
}

public sealed record DepartmentCostReport(DateOnly From, DateOnly To, IReadOnlyList<DepartmentCostRow> Departments, DepartmentCostRow Total);

public sealed record DepartmentCostRow(
    Guid? DepartmentId,
    string Code,
    string Name,
    int RequestedCount,
    decimal RequestedTotal,
    int ApprovedCount,
    decimal ApprovedTotal,
    int RejectedCount,
    decimal RejectedTotal,
    int PendingCount,
    decimal PendingTotal,
    int WithdrawnCount);

/// <summary>Sums in memory: SQLite has no exact decimal arithmetic, and a period's requests are few.</summary>
public sealed class GetDepartmentCostReportQueryHandler(IAppDbContext db) : IQueryHandler<GetDepartmentCostReportQuery, DepartmentCostReport>
{
    public async ValueTask<DepartmentCostReport> Handle(GetDepartmentCostReportQuery query, CancellationToken ct)
    {
        await StaffAccess.ActorAsync(db, query.ActorUserId, ct);
        var from = new DateTimeOffset(query.From.ToDateTime(TimeOnly.MinValue), CampusTime.Offset);
        var to = new DateTimeOffset(query.To.ToDateTime(TimeOnly.MinValue), CampusTime.Offset);
        var filed = await db.DepartmentRequests.AsNoTracking()
            .Where(r => r.SubmittedAt >= from && r.SubmittedAt < to)
            .Select(r => new Filed(r.DepartmentId, r.Status, r.EstimatedCost))
            .ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, d.Code, d.Name, d.IsActive }).ToListAsync(ct);
        var byDepartment = filed.ToLookup(f => f.DepartmentId);
        var rows = departments
            .Where(d => d.IsActive || byDepartment.Contains(d.Id))
            .Select(d => Row(d.Id, d.Code, d.Name, byDepartment[d.Id]))
            .ToList();
        return new DepartmentCostReport(query.From, query.To, rows, Row(null, "", "合计", filed));
    }

    private static DepartmentCostRow Row(Guid? id, string code, string name, IEnumerable<Filed> requests)
    {
        var list = requests.ToList();
        var requested = list.Where(r => r.Status != RequestStatus.Withdrawn).ToList();
        var approved = list.Where(r => r.Status == RequestStatus.Approved).ToList();
        var rejected = list.Where(r => r.Status == RequestStatus.Rejected).ToList();
        var pending = list.Where(r => r.Status == RequestStatus.Submitted).ToList();
        return new DepartmentCostRow(
            id, code, name,
            requested.Count, requested.Sum(r => r.Cost),
            approved.Count, approved.Sum(r => r.Cost),
            rejected.Count, rejected.Sum(r => r.Cost),
            pending.Count, pending.Sum(r => r.Cost),
            list.Count(r => r.Status == RequestStatus.Withdrawn));
    }

    private sealed record Filed(Guid DepartmentId, RequestStatus Status, decimal Cost);
}
