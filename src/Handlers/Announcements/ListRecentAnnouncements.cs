using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Announcements;

/// <summary>The latest announcements students may read (staff-only ones and scheduled ones not yet due are left out).</summary>
public sealed record ListRecentAnnouncementsQuery(int Count = 5) : IQuery<IReadOnlyList<AnnouncementSummary>>;

public sealed record AnnouncementSummary(Guid Id, string Title, string Body, DateTimeOffset PublishedAt);

public sealed class ListRecentAnnouncementsQueryHandler(IAppDbContext db, TimeProvider time)
    : IQueryHandler<ListRecentAnnouncementsQuery, IReadOnlyList<AnnouncementSummary>>
{
    public async ValueTask<IReadOnlyList<AnnouncementSummary>> Handle(ListRecentAnnouncementsQuery query, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Announcements.AsNoTracking()
            .Where(a => a.Audience != AnnouncementAudience.Staff && a.DeliverFrom <= now)
            .OrderByDescending(a => a.DeliverFrom)
            .Take(Math.Clamp(query.Count, 1, 20))
            .Select(a => new AnnouncementSummary(a.Id, a.Title, a.Body, a.DeliverFrom))
            .ToListAsync(ct);
    }
}
