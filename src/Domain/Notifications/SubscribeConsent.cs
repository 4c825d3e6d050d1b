namespace WechatLogistics.Domain.Notifications;

/// <summary>
/// A user's remaining acceptances of one subscribe-notification template (PROTOCOL §4.6): each "accept" in the popup
/// allows exactly one send; a send uses one; a "reject" (popup or settings) takes them all back.
/// </summary>
public sealed class SubscribeConsent
{
    /// <summary>WeChat does not say how many acceptances it keeps; more than this is certainly stale.</summary>
    public const int MaxCredits = 50;

    public const int MaxTemplateIdLength = 64;

    public SubscribeConsent(string openId, string templateId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(openId);
        ArgumentException.ThrowIfNullOrWhiteSpace(templateId);
        OpenId = openId;
        TemplateId = templateId;
    }

    public string OpenId { get; private set; }

    public string TemplateId { get; private set; }

    public int Credits { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void Accept(DateTimeOffset now)
    {
        Credits = Math.Min(MaxCredits, Credits + 1);
        UpdatedAt = now;
    }

    public void Reject(DateTimeOffset now)
    {
        Credits = 0;
        UpdatedAt = now;
    }
}
