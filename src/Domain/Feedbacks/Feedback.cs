using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Feedbacks;

/// <summary>
/// A student's rating of a service (canteen, dorm, repair, …): 1–5 stars, optional text, optionally
/// anonymous. Feeds the satisfaction KPIs.
/// </summary>
/// <remarks>
/// The namespace is <c>Feedbacks</c>, not <c>Feedback</c>: a type named like its own namespace cannot be
/// referred to by its simple name from sibling namespaces (CS0118).
/// </remarks>
public sealed class Feedback : Entity
{
    public const int MaxTextLength = 500;
    public const int MaxPlaceNameLength = 50;

    private Feedback(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private Feedback()
    {
    }

    public FeedbackSubject Subject { get; private set; }

    /// <summary>Which canteen, dorm, … ("第一食堂"), when the student named one.</summary>
    public string? PlaceName { get; private set; }

    public int Stars { get; private set; }

    public string? Text { get; private set; }

    /// <summary>
    /// Anonymous feedback still records its author, for abuse handling and one-per-person statistics;
    /// views for staff must show <see cref="VisibleAuthorOpenId"/> instead.
    /// </summary>
    public bool IsAnonymous { get; private set; }

    public string AuthorOpenId { get; private set; } = null!;

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>The author as staff may see it: null when anonymous.</summary>
    public string? VisibleAuthorOpenId => IsAnonymous ? null : AuthorOpenId;

    /// <summary>A low score (1–2 stars) must say why, so the office can act on it (GLPI / FreeITSM practice).</summary>
    public static bool RequiresReason(int stars) => stars is >= 1 and <= MaxStarsAskingWhy;

    /// <summary>The highest low score: at or below it a rating asks why, and the KPIs count it as a complaint (差评).</summary>
    public const int MaxStarsAskingWhy = 2;

    /// <param name="id">A caller-chosen id (an idempotency key: a retried submit then clashes with the first one
    /// instead of storing a second feedback); a new version-7 id when omitted.</param>
    public static Feedback Submit(
        string authorOpenId,
        FeedbackSubject subject,
        string? placeName,
        int stars,
        string? text,
        bool anonymous,
        DateTimeOffset now,
        Guid? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authorOpenId);
        if (!Enum.IsDefined(subject))
        {
            throw new DomainException("feedback.invalid", "请选择评价对象。");
        }

        if (stars is < 1 or > 5)
        {
            throw new DomainException("feedback.invalid", "请给出1到5星的评分。");
        }

        var cleanText = Common.Text.Optional(text, MaxTextLength, "feedback.invalid", $"评价内容不能超过{MaxTextLength}个字。");
        if (cleanText is null && RequiresReason(stars))
        {
            throw new DomainException("feedback.reason_required", "评分较低，请简单说明原因，方便我们改进。");
        }

        var feedback = new Feedback(id ?? Guid.CreateVersion7(now))
        {
            Subject = subject,
            PlaceName = Common.Text.Optional(placeName, MaxPlaceNameLength, "feedback.invalid", $"地点名称不能超过{MaxPlaceNameLength}个字。"),
            Stars = stars,
            Text = cleanText,
            IsAnonymous = anonymous,
            AuthorOpenId = authorOpenId,
            SubmittedAt = now,
        };
        feedback.Raise(new FeedbackSubmitted(feedback.Id, subject, feedback.PlaceName, stars, anonymous, now));
        return feedback;
    }
}
