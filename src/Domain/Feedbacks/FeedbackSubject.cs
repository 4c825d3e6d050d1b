namespace WechatLogistics.Domain.Feedbacks;

/// <summary>Which service the feedback is about. Persisted: never renumber.</summary>
public enum FeedbackSubject
{
    Canteen = 1,
    Dorm = 2,
    Repair = 3,
    Other = 4,
}
