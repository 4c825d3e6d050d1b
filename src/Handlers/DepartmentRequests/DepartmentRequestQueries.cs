using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.DepartmentRequests;

/// <summary>One request with its chain and timeline. Staff see every request; a contact those of their departments.</summary>
public sealed record GetDepartmentRequestQuery(string Viewer, bool AsStaff, string Request) : IQuery<DepartmentRequestDetails>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => DepartmentRequestAccess.Validate(nameof(Viewer), Viewer, Request);
}

/// <summary>Staff: the requests, newest first, by status and department; <paramref name="AwaitingMe"/>: those whose step waiting is mine.</summary>
public sealed record ListDepartmentRequestsQuery(
    string ActorUserId, RequestStatus? Status = null, Guid? DepartmentId = null, bool AwaitingMe = false, int Page = 1, int PageSize = 20)
    : IQuery<DepartmentRequestPage>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(ActorUserId), ActorUserId),
        .. InputRules.Unless(Status is null || Enum.IsDefined(Status.Value), nameof(Status), "状态不正确。"),
        .. InputRules.Paging(Page, PageSize, DepartmentRequestViews.MaxPageSize),
    ];
}

/// <summary>A contact: the requests of their departments, newest first.</summary>
public sealed record ListMyDepartmentRequestsQuery(string OpenId, int Page = 1, int PageSize = 10) : IQuery<DepartmentRequestPage>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(OpenId), OpenId),
        .. InputRules.Paging(Page, PageSize, DepartmentRequestViews.MaxPageSize),
    ];
}

/// <summary>The departments a WeChat user files for (empty: not a contact).</summary>
public sealed record ListMyDepartmentsQuery(string OpenId) : IQuery<IReadOnlyList<DepartmentItem>>;

public sealed record DepartmentItem(Guid Id, string Code, string Name);

public sealed class DepartmentRequestQueriesHandler(IAppDbContext db)
    : IQueryHandler<GetDepartmentRequestQuery, DepartmentRequestDetails>,
      IQueryHandler<ListDepartmentRequestsQuery, DepartmentRequestPage>,
      IQueryHandler<ListMyDepartmentRequestsQuery, DepartmentRequestPage>,
      IQueryHandler<ListMyDepartmentsQuery, IReadOnlyList<DepartmentItem>>
{
    /// <summary>Requests under way read for "awaiting me" (their chain is JSON, matched in memory); ample for one office.</summary>
    private const int MaxUnderWay = 2000;

    public async ValueTask<DepartmentRequestDetails> Handle(GetDepartmentRequestQuery query, CancellationToken ct)
    {
        if (query.AsStaff)
        {
            await StaffAccess.ActorAsync(db, query.Viewer, ct);
        }

        var request = await DepartmentRequestAccess.Matching(db.DepartmentRequests.AsNoTracking(), query.Request).SingleOrDefaultAsync(ct)
            ?? throw DepartmentRequestAccess.NotFound();
        var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == request.DepartmentId, ct);
        if (!query.AsStaff && request.FiledBy != query.Viewer && !department.HasContact(query.Viewer))
        {
            throw DepartmentRequestAccess.NotFound();
        }

        return DepartmentRequestViews.Details(request, department.Name, query.AsStaff);
    }

    public async ValueTask<DepartmentRequestPage> Handle(ListDepartmentRequestsQuery query, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, query.ActorUserId, ct);
        var requests = db.DepartmentRequests.AsNoTracking();
        if (query.AwaitingMe)
        {
            var underWay = await requests.Where(r => r.Status == RequestStatus.Submitted)
                .OrderBy(r => r.SubmittedAt).Take(MaxUnderWay).ToListAsync(ct);
            var mine = underWay.Where(r => r.CurrentStep?.Allows(actor) == true && (query.DepartmentId is null || r.DepartmentId == query.DepartmentId)).ToList();
            var page = mine.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
            return new DepartmentRequestPage(await DepartmentRequestViews.SummariesAsync(db, page, ct), query.Page, query.PageSize, mine.Count);
        }

        if (query.Status is { } status)
        {
            requests = requests.Where(r => r.Status == status);
        }

        if (query.DepartmentId is { } departmentId)
        {
            requests = requests.Where(r => r.DepartmentId == departmentId);
        }

        return await DepartmentRequestViews.PageAsync(db, requests, query.Page, query.PageSize, ct);
    }

    public async ValueTask<DepartmentRequestPage> Handle(ListMyDepartmentRequestsQuery query, CancellationToken ct)
    {
        var departments = (await DepartmentRequestAccess.DepartmentsOfContactAsync(db, query.OpenId, ct)).Select(d => d.Id).ToList();
        var requests = db.DepartmentRequests.AsNoTracking().Where(r => r.FiledBy == query.OpenId || departments.Contains(r.DepartmentId));
        return await DepartmentRequestViews.PageAsync(db, requests, query.Page, query.PageSize, ct);
    }

    public async ValueTask<IReadOnlyList<DepartmentItem>> Handle(ListMyDepartmentsQuery query, CancellationToken ct) =>
        [.. (await DepartmentRequestAccess.DepartmentsOfContactAsync(db, query.OpenId, ct)).Select(d => new DepartmentItem(d.Id, d.Code, d.Name))];
}
