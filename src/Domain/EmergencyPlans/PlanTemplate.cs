using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.EmergencyPlans;

/// <summary>
/// An emergency plan (应急预案) for one kind of incident (停水, 停电, 供暖故障, 漏水/内涝 …): the checklist steps, who
/// does each, and the notice the affected building's residents get. Seeded reference data that admins edit. An
/// incident of <see cref="CategoryId"/>'s trade starts this plan unless staff pick another one.
/// </summary>
public sealed class PlanTemplate : Entity
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 30;
    public const int MaxKindLength = 16;
    public const int MaxSteps = 12;

    /// <summary>The placeholders a notice may use: the building's name and the expected restoration.</summary>
    public const string BuildingPlaceholder = "{building}";

    public const string ExpectedPlaceholder = "{expected}";

    private List<PlanStep> _steps = [];

    private PlanTemplate(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private PlanTemplate()
    {
    }

    /// <summary>Stable machine name (<c>WATER-OUTAGE</c>), unique.</summary>
    public string Code { get; private set; } = null!;

    public string Name { get; private set; } = null!;

    /// <summary>The incident kind in words: 停水, 停电 ….</summary>
    public string Kind { get; private set; } = null!;

    /// <summary>The top-level repair category (trade) whose incidents start this plan by default; null = only when picked.</summary>
    public Guid? CategoryId { get; private set; }

    /// <summary>Started by itself when the early-warning monitor opens an incident of its trade (if <c>Plans:AutoStart</c> is on).</summary>
    public bool AutoStart { get; private set; }

    public string NoticeTitle { get; private set; } = null!;

    /// <summary>May contain <see cref="BuildingPlaceholder"/> and <see cref="ExpectedPlaceholder"/>.</summary>
    public string NoticeBody { get; private set; } = null!;

    public bool IsActive { get; private set; }

    public IReadOnlyList<PlanStep> Steps => _steps;

    /// <param name="id">A fixed id for seeded data; a new version-7 id when omitted.</param>
    public static PlanTemplate Create(
        string code, string name, string kind, Guid? categoryId, bool autoStart, string noticeTitle, string noticeBody, IReadOnlyList<PlanStep> steps, Guid? id = null)
    {
        var template = new PlanTemplate(id ?? Guid.CreateVersion7())
        {
            Code = Text.Required(code, MaxCodeLength, "plan_template.invalid", $"预案编码需要1到{MaxCodeLength}个字符。").ToUpperInvariant(),
            IsActive = true,
        };
        template.Update(name, kind, categoryId, autoStart, noticeTitle, noticeBody, steps);
        return template;
    }

    /// <summary>Replaces everything but the code; plans already started keep the steps they were started with.</summary>
    public void Update(string name, string kind, Guid? categoryId, bool autoStart, string noticeTitle, string noticeBody, IReadOnlyList<PlanStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count is 0 or > MaxSteps)
        {
            throw Invalid($"预案需要1到{MaxSteps}个步骤。");
        }

        var cleaned = steps.Select(CleanStep).ToList();
        if (autoStart && categoryId is null)
        {
            throw Invalid("自动启动的预案需要对应一个报修大类。");
        }

        Name = Text.Required(name, MaxNameLength, "plan_template.invalid", $"预案名称需要1到{MaxNameLength}个字。");
        Kind = Text.Required(kind, MaxKindLength, "plan_template.invalid", $"事件类型需要1到{MaxKindLength}个字。");
        CategoryId = categoryId == Guid.Empty ? null : categoryId;
        AutoStart = autoStart;
        NoticeTitle = Text.Required(noticeTitle, Announcements.Announcement.MaxTitleLength, "plan_template.invalid",
            $"通知标题需要1到{Announcements.Announcement.MaxTitleLength}个字。");
        NoticeBody = Text.Required(noticeBody, Announcements.Announcement.MaxBodyLength - 100, "plan_template.invalid",
            $"通知正文需要1到{Announcements.Announcement.MaxBodyLength - 100}个字。");
        _steps = cleaned;
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    /// <summary>The residents' notice with the placeholders filled in, in Chinese.</summary>
    /// <param name="expected">When service should be back, as staff said it; empty = 尽快.</param>
    public (string Title, string Body) RenderNotice(string building, string? expected)
    {
        var when = string.IsNullOrWhiteSpace(expected) ? "尽快" : expected.Trim();
        string Fill(string text) => text.Replace(BuildingPlaceholder, building, StringComparison.Ordinal).Replace(ExpectedPlaceholder, when, StringComparison.Ordinal);
        var title = Fill(NoticeTitle);
        return (title.Length <= Announcements.Announcement.MaxTitleLength ? title : title[..Announcements.Announcement.MaxTitleLength], Fill(NoticeBody));
    }

    private static PlanStep CleanStep(PlanStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!Enum.IsDefined(step.Role))
        {
            throw Invalid("步骤的负责角色须为 Worker、Dispatcher 或 Admin。");
        }

        if (step.DeadlineMinutes is { } minutes && (minutes < 1 || minutes > PlanStep.MaxDeadlineMinutes))
        {
            throw Invalid($"步骤期限须在1到{PlanStep.MaxDeadlineMinutes}分钟之间。");
        }

        var title = Text.Required(step.Title, PlanStep.MaxTitleLength, "plan_template.invalid", $"步骤名称需要1到{PlanStep.MaxTitleLength}个字。");
        return step with { Title = title, TeamId = step.TeamId == Guid.Empty ? null : step.TeamId };
    }

    private static DomainException Invalid(string message) => new("plan_template.invalid", message);
}
