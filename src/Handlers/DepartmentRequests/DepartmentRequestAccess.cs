using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.DepartmentRequests;

/// <summary>Loading requests and departments by what people type (D20261128-0003 or an id), and the shared input checks.</summary>
internal static class DepartmentRequestAccess
{
    /// <summary>What a WeChat user who is nobody's contact is told (chat, mini-program, API title).</summary>
    public const string NotAContact =
        "部门申报仅限已登记的部门联系人使用。如需开通，请由本部门负责人联系后勤办，提供您的姓名和微信，登记为部门申报联系人。";

    public static DomainException NotFound() => new("department_request.not_found", "没有找到这条申报。");

    public static bool IsReference(string? reference) =>
        !string.IsNullOrWhiteSpace(reference)
        && ((Guid.TryParse(reference, out var id) && id != Guid.Empty) || DepartmentRequestNumber.TryParse(reference, out _));

    public static IQueryable<DepartmentRequest> Matching(IQueryable<DepartmentRequest> requests, string reference)
    {
        if (Guid.TryParse(reference, out var id))
        {
            return requests.Where(r => r.Id == id);
        }

        var number = DepartmentRequestNumber.Parse(reference.Trim());
        return requests.Where(r => r.Number == number);
    }

    /// <summary>The request, tracked.</summary>
    public static async Task<DepartmentRequest> RequestAsync(IAppDbContext db, string reference, CancellationToken ct) =>
        await Matching(db.DepartmentRequests, reference).SingleOrDefaultAsync(ct) ?? throw NotFound();

    /// <summary>The active departments <paramref name="openId"/> is a contact of.</summary>
    public static Task<List<Department>> DepartmentsOfContactAsync(IAppDbContext db, string openId, CancellationToken ct) =>
        db.Departments.AsNoTracking().Where(d => d.IsActive && d.Contacts.Any(c => c.OpenId == openId)).OrderBy(d => d.Code).ToListAsync(ct);

    public static IEnumerable<ValidationError> Validate(string actorField, string actor, string request) =>
    [
        .. InputRules.UserId(actorField, actor),
        .. InputRules.Unless(IsReference(request), "Request", "请提供申报编号（如 D20261128-0003）。"),
    ];
}
