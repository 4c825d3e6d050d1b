namespace WechatLogistics.Domain.Feedbacks;

/// <summary>The Chinese words students see for what they rate.</summary>
public static class FeedbackTexts
{
    public static string Name(this FeedbackSubject subject) => subject switch
    {
        FeedbackSubject.Canteen => "食堂",
        FeedbackSubject.Dorm => "宿舍",
        FeedbackSubject.Repair => "维修服务",
        FeedbackSubject.Other => "其他",
        _ => throw new ArgumentOutOfRangeException(nameof(subject), subject, null),
    };
}
