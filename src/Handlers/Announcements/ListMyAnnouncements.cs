using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Students;

namespace WechatLogistics.Handlers.Announcements;

/// <summary>The announcements for one student, newest first, with whether they marked each read.</summary>
public sealed record ListMyAnnouncementsQuery(string OpenId, int Page = 1, int PageSize = 10) : IQuery<MyAnnouncementsPage>, IValidatable
{
    public const int MaxPageSize = 50;

    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(OpenId), OpenId),
        .. InputRules.Paging(Page, PageSize, MaxPageSize),
    ];
}

public sealed record MyAnnouncementsPage(IReadOnlyList<MyAnnouncement> Items, int Page, int PageSize, int Total);

public sealed record MyAnnouncement(Guid Id, string Title, string Body, DateTimeOffset PublishedAt, bool IsRead);

public sealed class ListMyAnnouncementsQueryHandler(IAppDbContext db, IMemoryCache cache, TimeProvider time)
    : IQueryHandler<ListMyAnnouncementsQuery, MyAnnouncementsPage>
{
    public async ValueTask<MyAnnouncementsPage> Handle(ListMyAnnouncementsQuery query, CancellationToken ct)
    {
        var openIds = await StudentOpenIds.OfAsync(db, query.OpenId, ct);
        var visible = await MyAnnouncements.VisibleAsync(db, cache, openIds, time.GetUtcNow(), ct);
        var total = await visible.CountAsync(ct);
        var page = await visible
            .OrderByDescending(a => a.DeliverFrom).ThenByDescending(a => a.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(a => new { a.Id, a.Title, a.Body, a.DeliverFrom })
            .ToListAsync(ct);
        var ids = page.Select(a => a.Id).ToList();
        var read = await db.AnnouncementReads.AsNoTracking()
            .Where(r => openIds.Contains(r.OpenId) && ids.Contains(r.AnnouncementId))
            .Select(r => r.AnnouncementId).ToListAsync(ct);
        return new MyAnnouncementsPage(
            [.. page.Select(a => new MyAnnouncement(a.Id, a.Title, a.Body, a.DeliverFrom, read.Contains(a.Id)))], query.Page, query.PageSize, total);
    }
}
