using WechatLogistics.Domain.Common;

namespace WechatLogistics.Domain.Announcements;

/// <summary>
/// A notice from the logistics office (停水通知, 宿舍检查 …). It is fanned out to its audience once, when published;
/// each recipient's delivery is tracked by the outbox. A scheduled announcement is delivered from its time on.
/// </summary>
public sealed class Announcement : Entity
{
    public const int MaxTitleLength = 40;

    /// <summary>A customer-service text may carry 2048 bytes; 600 characters leave room for the title.</summary>
    public const int MaxBodyLength = 600;

    public const int MaxAuthorLength = 64;

    private Announcement(Guid id)
        : base(id)
    {
    }

    // For EF Core materialization.
    private Announcement()
    {
    }

    public string Title { get; private set; } = null!;

    public string Body { get; private set; } = null!;

    public AnnouncementAudience Audience { get; private set; }

    /// <summary>The building for <see cref="AnnouncementAudience.Building"/>; null otherwise.</summary>
    public Guid? BuildingId { get; private set; }

    public string PublishedBy { get; private set; } = null!;

    public DateTimeOffset PublishedAt { get; private set; }

    /// <summary>When delivery starts: the scheduled time, or the publication.</summary>
    public DateTimeOffset DeliverFrom { get; private set; }

    /// <summary>How many recipients the audience had at publication (one delivery each).</summary>
    public int RecipientCount { get; private set; }

    public static Announcement Publish(
        string title, string body, AnnouncementAudience audience, Guid? buildingId, DateTimeOffset? scheduledAt, string publishedBy, DateTimeOffset now)
    {
        if (!Enum.IsDefined(audience))
        {
            throw new DomainException("announcement.invalid", "请选择公告对象。");
        }

        if (audience == AnnouncementAudience.Building ? buildingId is null || buildingId == Guid.Empty : buildingId is not null)
        {
            throw new DomainException("announcement.invalid", "只有“某栋楼”的公告需要指定楼栋。");
        }

        if (scheduledAt is { } at && at < now - TimeSpan.FromMinutes(1))
        {
            throw new DomainException("announcement.invalid", "定时发布的时间不能早于现在。");
        }

        return new Announcement(Guid.CreateVersion7(now))
        {
            Title = Text.Required(title, MaxTitleLength, "announcement.invalid", $"标题需要1到{MaxTitleLength}个字。"),
            Body = Text.Required(body, MaxBodyLength, "announcement.invalid", $"正文需要1到{MaxBodyLength}个字。"),
            Audience = audience,
            BuildingId = buildingId,
            PublishedBy = Text.Required(publishedBy, MaxAuthorLength, "announcement.invalid", "发布人不能为空。"),
            PublishedAt = now,
            DeliverFrom = scheduledAt is { } due && due > now ? due : now,
        };
    }

    /// <summary>Set once, by the fan-out that created one delivery per recipient.</summary>
    public void RecordFanOut(int recipients) => RecipientCount = recipients;

    public bool IsDueAt(DateTimeOffset now) => DeliverFrom <= now;
}
