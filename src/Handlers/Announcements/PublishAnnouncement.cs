using Mediator;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Notifications;

namespace WechatLogistics.Handlers.Announcements;

/// <summary>Staff publish a notice to an audience, now or at <see cref="ScheduledAt"/>.</summary>
public sealed record PublishAnnouncementCommand(
    string Title, string Body, AnnouncementAudience Audience, Guid? BuildingId, DateTimeOffset? ScheduledAt, string PublishedBy)
    : ICommand<PublishAnnouncementResult>, IValidatable
{
    public IEnumerable<ValidationError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Title))
        {
            yield return new ValidationError("title", "请填写标题。");
        }

        if (string.IsNullOrWhiteSpace(Body))
        {
            yield return new ValidationError("body", "请填写正文。");
        }

        if (!Enum.IsDefined(Audience))
        {
            yield return new ValidationError("audience", "公告对象须为 Everyone、Building、Volunteers 或 Staff。");
        }

        if (Audience == AnnouncementAudience.Building && BuildingId is null)
        {
            yield return new ValidationError("buildingId", "请指定楼栋。");
        }
    }
}

public sealed record PublishAnnouncementResult(Guid Id, int Recipients, DateTimeOffset DeliverFrom);

/// <summary>
/// Stores the announcement and, in the same transaction, one outbox item per recipient (tagged with the
/// announcement's id for the report). Students get the notice rules (customer service → subscribe → inbox, decided
/// at send time); staff one WeCom app message to the configured members and departments.
/// </summary>
public sealed class PublishAnnouncementCommandHandler(
    IAppDbContext db, IOutbox outbox, IOptions<AnnouncementOptions> staff, IOptionsMonitor<NotificationOptions> notices, TimeProvider time)
    : ICommandHandler<PublishAnnouncementCommand, PublishAnnouncementResult>
{
    public async ValueTask<PublishAnnouncementResult> Handle(PublishAnnouncementCommand command, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (command.Audience == AnnouncementAudience.Building)
        {
            await AnnouncementAudienceQuery.BuildingAsync(db, command.BuildingId!.Value, ct);
        }

        if (command.Audience == AnnouncementAudience.Staff && !staff.Value.HasStaff)
        {
            throw new DomainException("announcement.staff_not_configured", "未配置教职工接收名单（Announcements:StaffToUser / StaffToParty）。");
        }

        var announcement = Announcement.Publish(
            command.Title, command.Body, command.Audience, command.BuildingId, command.ScheduledAt, command.PublishedBy, now);
        var key = "announcement:" + announcement.Id.ToString("N");
        var text = $"【{announcement.Title}】\n{announcement.Body}";
        var recipients = 0;
        if (command.Audience == AnnouncementAudience.Staff)
        {
            var options = staff.Value;
            outbox.Enqueue(new OutboxItem(OutboxChannel.WeComApp, "staff", key, new OutboxContent
            {
                Title = announcement.Title,
                Text = text,
                WeComToUser = string.IsNullOrWhiteSpace(options.StaffToUser) ? null : options.StaffToUser,
                WeComToParty = string.IsNullOrWhiteSpace(options.StaffToParty) ? null : options.StaffToParty,
            })
            {
                NotBefore = announcement.DeliverFrom, CorrelationId = announcement.Id,
            });
            recipients = 1;
        }
        else
        {
            foreach (var openId in await AnnouncementAudienceQuery.OpenIdsAsync(db, command.Audience, command.BuildingId, ct))
            {
                var notice = StudentNotice.Create(
                    notices.CurrentValue, openId, key, announcement.Title, text, "公告", "新公告", announcement.DeliverFrom, announcement.Title);
                outbox.Enqueue(notice with { NotBefore = announcement.DeliverFrom, CorrelationId = announcement.Id });
                recipients++;
            }
        }

        announcement.RecordFanOut(recipients);
        db.Announcements.Add(announcement);
        await db.SaveChangesAsync(ct);
        return new PublishAnnouncementResult(announcement.Id, recipients, announcement.DeliverFrom);
    }
}
