using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Domain.Locations;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.Announcements;

/// <summary>The OpenIds an announcement goes to (all audiences but staff, who are a configured WeCom list).</summary>
internal static class AnnouncementAudienceQuery
{
    public static async Task<List<string>> OpenIdsAsync(IAppDbContext db, AnnouncementAudience audience, Guid? buildingId, CancellationToken ct) =>
        audience switch
        {
            AnnouncementAudience.Everyone => await db.Followers.Where(f => f.IsFollowing).Select(f => f.OpenId).ToListAsync(ct),
            AnnouncementAudience.Volunteers => await db.VolunteerShifts.SelectMany(s => s.Signups).Select(s => s.VolunteerOpenId).Distinct().ToListAsync(ct),
            AnnouncementAudience.Building => await ResidentsAsync(db, buildingId!.Value, ct),
            _ => [],
        };

    /// <summary>
    /// Students who reported a repair anywhere in the building (its floors and rooms too, retired ones included: their
    /// reporters still live there) or bound a dorm in it.
    /// </summary>
    private static async Task<List<string>> ResidentsAsync(IAppDbContext db, Guid buildingId, CancellationToken ct)
    {
        var places = await CampusPlaces.PlacesInBuildingInTableAsync(db, buildingId, ct);
        var reporters = await db.RepairTickets
            .Where(t => t.LocationId != null && places.Contains(t.LocationId.Value))
            .Select(t => t.ReporterOpenId).Distinct().ToListAsync(ct);
        var bound = await db.DormBindings.Where(d => d.BuildingId == buildingId).Select(d => d.OpenId).ToListAsync(ct);
        return [.. reporters.Union(bound, StringComparer.Ordinal)];
    }

    public static async Task<Location> BuildingAsync(IAppDbContext db, Guid buildingId, CancellationToken ct) =>
        await db.Locations.SingleOrDefaultAsync(l => l.Id == buildingId && l.Kind == LocationKind.Building, ct)
        ?? throw new Domain.Common.DomainException("location.not_found", "没有找到这栋楼。");
}
