using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Notifications;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.DepartmentRequests;

/// <summary>
/// An approved maintenance request becomes one repair ticket, in the same save as the approval: category
/// <c>DepartmentRequests:MaintenanceCategory</c>, place = the request's place (else the department), routed and
/// dispatched like any report. Its key <c>dept:{request id}</c> under the reporter is unique, and the request's
/// TicketId column too, so a second ticket cannot be stored even by a race.
/// </summary>
public sealed class MaintenanceTicketFromRequest(IAppDbContext db, IMemoryCache cache, IOptionsMonitor<DepartmentRequestOptions> options)
{
    public async Task OpenAsync(DepartmentRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var code = options.CurrentValue.MaintenanceCategory;
        var category = await db.RepairCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code && c.IsActive, ct)
            ?? throw new DomainException("department_request.no_category", "维修类别未配置，请联系管理员。");
        var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == request.DepartmentId, ct);
        var number = RepairTicketNumber.Create(CampusTime.DateOf(now), await db.NextTicketSequenceAsync(CampusTime.DateOf(now), ct));
        var ticket = RepairTicket.Open(
            number,
            ReporterOf(request, department),
            category.Id,
            null,
            request.Place ?? department.Name,
            StudentNotice.Cut($"【部门申报 {request.Number}】{department.Name}：{request.Description}", RepairTicket.MaxDescriptionLength),
            [],
            category.DefaultPriority,
            SlaPolicy.Default,
            now,
            "dept:" + request.Id.ToString("N"));
        await NewTicketDispatch.DispatchAsync(db, cache, ticket, now, ct);
        db.RepairTickets.Add(ticket);
        request.LinkTicket(ticket.Id, number.ToString(), now);
    }

    /// <summary>
    /// Who hears of the ticket's progress: the contact who filed; for a request filed by staff, the department's first contact
    /// (a WeChat user), else the staff member.
    /// </summary>
    private static string ReporterOf(DepartmentRequest request, Department department) =>
        request.FiledByKind == RequestActorKind.Contact ? request.FiledBy
        : department.Contacts.OrderBy(c => c.OpenId, StringComparer.Ordinal).FirstOrDefault()?.OpenId ?? request.FiledBy;
}
