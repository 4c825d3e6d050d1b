using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.DepartmentRequests;

/// <param name="CurrentStep">The step waiting for a decision (审批中 only).</param>
public sealed record DepartmentRequestSummary(
    Guid Id,
    string Number,
    Guid DepartmentId,
    string DepartmentName,
    RequestKind Kind,
    string KindName,
    string Description,
    decimal EstimatedCost,
    DateOnly WantedDate,
    RequestStatus Status,
    string StatusName,
    int ApprovedSteps,
    int TotalSteps,
    string? CurrentStep,
    DateTimeOffset SubmittedAt,
    string? TicketNumber);

public sealed record DepartmentRequestDetails(
    DepartmentRequestSummary Summary, string? Place, IReadOnlyList<string> Steps, IReadOnlyList<RequestTimelineItem> Timeline);

/// <param name="ActorId">The staff member's UserId; null for a contact when the reader is not staff (OpenIds stay private).</param>
public sealed record RequestTimelineItem(DateTimeOffset At, RequestActorKind ActorKind, string? ActorId, RequestAction Action, int? Step, string? StepName, string? Comment);

public sealed record DepartmentRequestPage(IReadOnlyList<DepartmentRequestSummary> Items, int Page, int PageSize, int Total);

internal static class DepartmentRequestViews
{
    public const int MaxPageSize = 50;

    public static async Task<IReadOnlyList<DepartmentRequestSummary>> SummariesAsync(
        IAppDbContext db, IReadOnlyList<DepartmentRequest> requests, CancellationToken ct)
    {
        var names = await NamesAsync(db, requests.Select(r => r.DepartmentId), ct);
        return [.. requests.Select(r => Summary(r, names.GetValueOrDefault(r.DepartmentId, "")))];
    }

    public static async Task<Dictionary<Guid, string>> NamesAsync(IAppDbContext db, IEnumerable<Guid> departmentIds, CancellationToken ct)
    {
        var ids = departmentIds.Distinct().ToList();
        return await db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
    }

    public static DepartmentRequestSummary Summary(DepartmentRequest r, string departmentName) => new(
        r.Id, r.Number.ToString(), r.DepartmentId, departmentName, r.Kind, r.Kind.Name(), r.Description, r.EstimatedCost, r.WantedDate,
        r.Status, r.Status.Name(), r.ApprovedSteps, r.Steps.Count, r.CurrentStep?.Name, r.SubmittedAt, r.TicketNumber);

    public static DepartmentRequestDetails Details(DepartmentRequest r, string departmentName, bool forStaff) => new(
        Summary(r, departmentName),
        r.Place,
        [.. r.Steps.Select(s => s.Name)],
        [.. r.Timeline.Select(e => new RequestTimelineItem(
            e.At, e.ActorKind, forStaff || e.ActorKind != RequestActorKind.Contact ? e.ActorId : null, e.Action, e.Step, e.StepName, e.Comment))]);

    /// <summary>Newest first, one page.</summary>
    public static async Task<DepartmentRequestPage> PageAsync(IAppDbContext db, IQueryable<DepartmentRequest> requests, int page, int pageSize, CancellationToken ct)
    {
        var total = await requests.CountAsync(ct);
        var items = await requests.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new DepartmentRequestPage(await SummariesAsync(db, items, ct), page, pageSize, total);
    }
}
