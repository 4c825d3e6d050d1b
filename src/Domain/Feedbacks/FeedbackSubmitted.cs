namespace WechatLogistics.Domain.Feedbacks;

/// <summary>Carries no author, so handlers cannot leak an anonymous author by accident.</summary>
public sealed record FeedbackSubmitted(
    Guid FeedbackId,
    FeedbackSubject Subject,
    string? PlaceName,
    int Stars,
    bool IsAnonymous,
    DateTimeOffset At);
