using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Handlers.Announcements;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Incidents;

/// <summary>
/// The one-step targeted notice: an announcement to the incident's building (its residents: reporters there and bound
/// dorms). Empty title or body take a ready-made text naming the building and the trade.
/// </summary>
public sealed record AnnounceIncidentCommand(Guid Id, string? Title, string? Body, string PublishedBy) : ICommand<PublishAnnouncementResult>;

public sealed class AnnounceIncidentCommandHandler(IAppDbContext db, ISender sender, TimeProvider time)
    : ICommandHandler<AnnounceIncidentCommand, PublishAnnouncementResult>
{
    public async ValueTask<PublishAnnouncementResult> Handle(AnnounceIncidentCommand command, CancellationToken ct)
    {
        var incident = await IncidentViews.LoadAsync(db, command.Id, ct);
        var summary = (await IncidentViews.SummariesAsync(db, [incident], ct))[0];
        var title = string.IsNullOrWhiteSpace(command.Title) ? $"{summary.Building}{summary.Category}故障通知" : command.Title;
        var body = string.IsNullOrWhiteSpace(command.Body)
            ? $"我们已收到{summary.Building}多位同学的「{summary.Category}」报修，维修人员正在处理，请耐心等待，无需重复报修。"
            : command.Body;
        var published = await sender.Send(
            new PublishAnnouncementCommand(title, body, AnnouncementAudience.Building, incident.BuildingId, null, command.PublishedBy), ct);

        // The announcement is out; recording it on the incident is best effort against a concurrent link.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                db.ChangeTracker.Clear();
                var current = await IncidentViews.LoadAsync(db, command.Id, ct);
                current.RecordAnnouncement(published.Id, time.GetUtcNow(), command.PublishedBy);
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
            }
        }

        return published;
    }
}
