namespace WechatLogistics.Domain.Notifications;

/// <summary>
/// A notice kept for the mini-program's in-app inbox: the last channel, used when WeChat would not let us reach the
/// user (the 48-hour window closed and no subscribe acceptance left). The mini-program will list and mark them read.
/// </summary>
public sealed class InboxMessage
{
    public const int MaxTitleLength = 64;
    public const int MaxBodyLength = 2000;

    public InboxMessage(Guid id, string openId, string title, string body, DateTimeOffset createdAt)
    {
        Id = id;
        OpenId = openId;
        Title = title.Length <= MaxTitleLength ? title : title[..MaxTitleLength];
        Body = body.Length <= MaxBodyLength ? body : body[..MaxBodyLength];
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string OpenId { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
