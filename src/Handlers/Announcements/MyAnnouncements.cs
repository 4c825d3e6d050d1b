using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.Announcements;

/// <summary>
/// The announcements a student may read in the mini-program: everyone's, volunteers' when they ever signed up, and
/// those of the buildings they bound (绑定宿舍) or reported a repair in — the audiences the fan-out would reach them by.
/// </summary>
internal static class MyAnnouncements
{
    public static async Task<IQueryable<Announcement>> VisibleAsync(
        IAppDbContext db, IMemoryCache cache, IReadOnlyList<string> openIds, DateTimeOffset now, CancellationToken ct)
    {
        var isVolunteer = await db.VolunteerShifts.AnyAsync(s => s.Signups.Any(x => openIds.Contains(x.VolunteerOpenId)), ct);
        var bound = await db.DormBindings.Where(d => openIds.Contains(d.OpenId)).Select(d => d.BuildingId).ToListAsync(ct);
        var reported = await db.RepairTickets.Where(t => openIds.Contains(t.ReporterOpenId) && t.LocationId != null)
            .Select(t => t.LocationId!.Value).Distinct().ToListAsync(ct);
        var directory = await ReferenceDataCache.LocationsAsync(cache, db, ct);
        List<Guid> buildings = [.. bound, .. reported.Select(id => BuildingOf(directory, id)).OfType<Guid>()];

        return db.Announcements.AsNoTracking().Where(a => a.DeliverFrom <= now && (
            a.Audience == AnnouncementAudience.Everyone
            || (isVolunteer && a.Audience == AnnouncementAudience.Volunteers)
            || (a.Audience == AnnouncementAudience.Building && buildings.Contains(a.BuildingId!.Value))));
    }

    private static Guid? BuildingOf(LocationDirectory directory, Guid locationId)
    {
        for (var location = directory.Find(locationId); location is not null; location = location.ParentId is { } parent ? directory.Find(parent) : null)
        {
            if (location.Kind == LocationKind.Building)
            {
                return location.Id;
            }
        }

        return null;
    }
}
