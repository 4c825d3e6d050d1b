using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.DepartmentRequests;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.DepartmentRequests;

/// <summary>
/// A department files a request (部门申报): by a contact (<paramref name="FiledBy"/> = their OpenId, chat or mini-program;
/// <paramref name="DepartmentId"/> may be left out when they are the contact of one department), or by a staff member on the
/// department's behalf (<paramref name="AsStaff"/>, FiledBy = WeCom UserId, DepartmentId required). The same
/// <paramref name="IdempotencyKey"/> again returns the request it filed.
/// </summary>
public sealed record FileDepartmentRequestCommand(
    string FiledBy,
    bool AsStaff,
    Guid? DepartmentId,
    RequestKind Kind,
    string Description,
    string? Place,
    decimal EstimatedCost,
    DateOnly WantedDate,
    string? IdempotencyKey = null) : ICommand<FiledDepartmentRequest>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(FiledBy), FiledBy),
        .. InputRules.Unless(!AsStaff || DepartmentId is { } id && id != Guid.Empty, nameof(DepartmentId), "请选择申报部门。"),
        .. InputRules.Unless(Enum.IsDefined(Kind), nameof(Kind), "申报类型不正确，请选择维修工程、采购、场地后勤保障或活动保障。"),
        .. InputRules.Required(nameof(Description), Description, DepartmentRequest.MaxDescriptionLength, "申报内容"),
        .. InputRules.Optional(nameof(Place), Place, DepartmentRequest.MaxPlaceLength, "地点"),
        .. InputRules.Unless(EstimatedCost >= 0, nameof(EstimatedCost), "预计费用不能为负数。"),
        .. InputRules.Unless(
            EstimatedCost < 0 || (EstimatedCost <= DepartmentRequest.MaxCost && decimal.Round(EstimatedCost, 2) == EstimatedCost),
            nameof(EstimatedCost),
            "预计费用请填写不超过一亿元的金额，最多两位小数。"),
        .. InputRules.Optional(nameof(IdempotencyKey), IdempotencyKey, DepartmentRequest.MaxIdempotencyKeyLength, "请求标识"),
    ];
}

/// <param name="Steps">The approval steps stamped on the request, in order.</param>
/// <param name="AlreadyExisted">True when the key had already filed this request (nothing new was created).</param>
public sealed record FiledDepartmentRequest(
    Guid Id, string Number, string DepartmentName, RequestStatus Status, IReadOnlyList<string> Steps, DateTimeOffset SubmittedAt, bool AlreadyExisted);

/// <summary>
/// Every check runs before the day's number is allocated, so a refused request leaves nothing behind (not even a gap).
/// The unique index on (filer, key) turns a concurrent duplicate into a read of the winner's request.
/// </summary>
public sealed class FileDepartmentRequestCommandHandler(IAppDbContext db, TimeProvider time, IOptionsMonitor<DepartmentRequestOptions> options)
    : ICommandHandler<FileDepartmentRequestCommand, FiledDepartmentRequest>
{
    public async ValueTask<FiledDepartmentRequest> Handle(FileDepartmentRequestCommand command, CancellationToken ct)
    {
        if (await FindAsync(command, ct) is { } earlier)
        {
            return earlier;
        }

        var department = await DepartmentAsync(command, ct);
        var now = time.GetUtcNow();
        var today = CampusTime.DateOf(now);
        if (command.WantedDate < today)
        {
            throw new DomainException("department_request.invalid", "期望日期不能早于今天。");
        }

        var sequence = await db.NextDepartmentRequestSequenceAsync(today, ct);
        var request = DepartmentRequest.File(
            DepartmentRequestNumber.Create(today, sequence),
            department,
            command.AsStaff ? RequestActorKind.Staff : RequestActorKind.Contact,
            command.FiledBy,
            command.Kind,
            command.Description,
            command.Place,
            command.EstimatedCost,
            command.WantedDate,
            today,
            options.CurrentValue.Rules,
            now,
            command.IdempotencyKey);
        db.DepartmentRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(ct);
            return ResultOf(request, department.Name, alreadyExisted: false);
        }
        catch (DbUpdateException) when (command.IdempotencyKey is not null)
        {
            db.ChangeTracker.Clear();
            return await FindAsync(command, ct) ?? throw new DomainException("department_request.busy", "申报提交失败，请稍后再试。");
        }
    }

    private async Task<Department> DepartmentAsync(FileDepartmentRequestCommand command, CancellationToken ct)
    {
        if (command.AsStaff)
        {
            await StaffAccess.ActorAsync(db, command.FiledBy, ct);
            return await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == command.DepartmentId && d.IsActive, ct)
                ?? throw new DomainException("department.not_found", "没有找到这个部门。");
        }

        var mine = await DepartmentRequestAccess.DepartmentsOfContactAsync(db, command.FiledBy, ct);
        if (mine.Count == 0)
        {
            throw new DomainException("department_request.forbidden", DepartmentRequestAccess.NotAContact);
        }

        if (command.DepartmentId is { } id)
        {
            return mine.SingleOrDefault(d => d.Id == id)
                ?? throw new DomainException("department_request.forbidden", "你不是这个部门的申报联系人。");
        }

        return mine.Count == 1 ? mine[0] : throw new DomainException("department_request.invalid", "你是多个部门的联系人，请选择申报部门。");
    }

    private async Task<FiledDepartmentRequest?> FindAsync(FileDepartmentRequestCommand command, CancellationToken ct)
    {
        if (command.IdempotencyKey is null)
        {
            return null;
        }

        var request = await db.DepartmentRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.FiledBy == command.FiledBy && r.IdempotencyKey == command.IdempotencyKey, ct);
        if (request is null)
        {
            return null;
        }

        var name = await db.Departments.AsNoTracking().Where(d => d.Id == request.DepartmentId).Select(d => d.Name).SingleAsync(ct);
        return ResultOf(request, name, alreadyExisted: true);
    }

    private static FiledDepartmentRequest ResultOf(DepartmentRequest request, string departmentName, bool alreadyExisted) =>
        new(request.Id, request.Number.ToString(), departmentName, request.Status, [.. request.Steps.Select(s => s.Name)], request.SubmittedAt, alreadyExisted);
}
