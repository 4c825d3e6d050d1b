using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.DepartmentRequests;

/// <summary>
/// A department's request to the logistics office (部门申报): maintenance project, purchase, venue or event support,
/// with an estimated cost and a wanted date. It goes through the approval chain stamped on it when filed (decisions in
/// <c>DepartmentRequest.Decisions.cs</c>): Submitted → (each step approved) → Approved, or Rejected at any step, or
/// Withdrawn by the filer while still under way.
/// </summary>
public sealed partial class DepartmentRequest : Entity
{
    public const int MaxDescriptionLength = 500;
    public const int MaxPlaceLength = 100;
    public const int MaxCommentLength = 200;
    public const int MaxIdempotencyKeyLength = 64;

    /// <summary>Up to a hundred million yuan, in fen: what numeric(12,2) holds.</summary>
    public const decimal MaxCost = 99_999_999.99m;

    private readonly List<ApprovalStep> _steps = [];
    private readonly List<RequestTimelineEntry> _timeline = [];

    private DepartmentRequest(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private DepartmentRequest()
    {
    }

    public DepartmentRequestNumber Number { get; private set; } = null!;

    public Guid DepartmentId { get; private set; }

    public RequestActorKind FiledByKind { get; private set; }

    /// <summary>The contact's OpenId, or the WeCom UserId of the staff member who filed on the department's behalf.</summary>
    public string FiledBy { get; private set; } = null!;

    public RequestKind Kind { get; private set; }

    public string Description { get; private set; } = null!;

    /// <summary>Where (a maintenance project's building and room); optional.</summary>
    public string? Place { get; private set; }

    /// <summary>预计费用, yuan, at most two decimals.</summary>
    public decimal EstimatedCost { get; private set; }

    /// <summary>The campus date the department wants it done by.</summary>
    public DateOnly WantedDate { get; private set; }

    public RequestStatus Status { get; private set; }

    /// <summary>The chain as configured when filed, in order.</summary>
    public IReadOnlyList<ApprovalStep> Steps => _steps;

    /// <summary>How many steps are approved; the step waiting is <c>Steps[ApprovedSteps]</c> while Submitted.</summary>
    public int ApprovedSteps { get; private set; }

    public IReadOnlyList<RequestTimelineEntry> Timeline => _timeline;

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>When it was approved, rejected or withdrawn.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The repair ticket an approved maintenance request became.</summary>
    public Guid? TicketId { get; private set; }

    public string? TicketNumber { get; private set; }

    /// <summary>The client's key for the filing request, unique per filer: a retry finds this request.</summary>
    public string? IdempotencyKey { get; private set; }

    /// <summary>Incremented on every change; the optimistic-concurrency token (two approvers at once: one wins).</summary>
    public int Version { get; private set; }

    /// <summary>The step waiting for a decision, or null when the request is no longer under way.</summary>
    public ApprovalStep? CurrentStep => Status == RequestStatus.Submitted && ApprovedSteps < _steps.Count ? _steps[ApprovedSteps] : null;

    /// <param name="filedByKind">Contact (must be one of the department's contacts) or Staff (on the department's behalf).</param>
    /// <param name="today">The campus date now: the wanted date may not be before it.</param>
    /// <param name="chain">The configured chain; the steps that apply to the cost are stamped on the request.</param>
    public static DepartmentRequest File(
        DepartmentRequestNumber number,
        Department department,
        RequestActorKind filedByKind,
        string filedBy,
        RequestKind kind,
        string description,
        string? place,
        decimal estimatedCost,
        DateOnly wantedDate,
        DateOnly today,
        IReadOnlyList<ApprovalStepRule> chain,
        DateTimeOffset now,
        string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentException.ThrowIfNullOrWhiteSpace(filedBy);
        if (department is null || !department.IsActive)
        {
            throw Invalid("请选择申报部门。");
        }

        if (filedByKind == RequestActorKind.Contact && !department.HasContact(filedBy))
        {
            throw new DomainException("department_request.forbidden", $"你还不是{department.Name}的申报联系人。");
        }

        if (filedByKind == RequestActorKind.System || !Enum.IsDefined(filedByKind))
        {
            throw Invalid("申报人不正确。");
        }

        if (!Enum.IsDefined(kind))
        {
            throw Invalid("申报类型不正确，请选择维修工程、采购、场地后勤保障或活动保障。");
        }

        CheckCost(estimatedCost);
        if (wantedDate < today)
        {
            throw Invalid("期望日期不能早于今天。");
        }

        var steps = chain.Where(s => s.AppliesTo(estimatedCost)).Select(ApprovalStep.From).ToList();
        if (steps.Count == 0)
        {
            throw new DomainException("department_request.no_chain", "审批流程未配置，请联系后勤办。");
        }

        var request = new DepartmentRequest(Guid.CreateVersion7(now))
        {
            Number = number,
            DepartmentId = department.Id,
            FiledByKind = filedByKind,
            FiledBy = filedBy,
            Kind = kind,
            Description = Text.Required(description, MaxDescriptionLength, "department_request.invalid", $"申报内容需要1到{MaxDescriptionLength}个字。"),
            Place = Text.Optional(place, MaxPlaceLength, "department_request.invalid", $"地点不能超过{MaxPlaceLength}个字。"),
            EstimatedCost = estimatedCost,
            WantedDate = wantedDate,
            Status = RequestStatus.Submitted,
            SubmittedAt = now,
            Version = 1,
            IdempotencyKey = Text.Optional(idempotencyKey, MaxIdempotencyKeyLength, "department_request.invalid", "请求标识不正确。"),
        };
        request._steps.AddRange(steps);
        request._timeline.Add(new RequestTimelineEntry(now, filedByKind, filedBy, RequestAction.Submitted, null, null, null));
        request.Raise(new DepartmentRequestSubmitted(request.Id, number.ToString(), now));
        return request;
    }

    /// <summary>Not negative, at most <see cref="MaxCost"/>, at most two decimals (fen).</summary>
    public static void CheckCost(decimal cost)
    {
        if (cost < 0)
        {
            throw Invalid("预计费用不能为负数。");
        }

        if (cost > MaxCost || decimal.Round(cost, 2) != cost)
        {
            throw Invalid("预计费用请填写不超过一亿元的金额，最多两位小数。");
        }
    }

    private static DomainException Invalid(string message) => new("department_request.invalid", message);
}
