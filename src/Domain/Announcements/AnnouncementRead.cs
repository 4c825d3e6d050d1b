namespace WechatLogistics.Domain.Announcements;

/// <summary>A student marked an announcement read in the mini-program (one row per student and announcement).</summary>
public sealed class AnnouncementRead
{
    public AnnouncementRead(Guid announcementId, string openId, DateTimeOffset readAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(openId);
        AnnouncementId = announcementId;
        OpenId = openId;
        ReadAt = readAt;
    }

    // For EF Core materialization.
    private AnnouncementRead()
    {
        OpenId = null!;
    }

    public Guid AnnouncementId { get; private set; }

    public string OpenId { get; private set; }

    public DateTimeOffset ReadAt { get; private set; }
}
