using Microsoft.EntityFrameworkCore;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Students;

/// <summary>
/// The OpenIds of one person: the one asked about, plus every OpenId that shares its UnionId (the Official Account's
/// and the mini-program's, once WeChat has told us both). "Mine" queries read with this set, so a ticket reported in
/// either channel shows in both (docs/decisions/mini-program-api.md).
/// </summary>
public static class StudentOpenIds
{
    /// <summary>One indexed round trip; <paramref name="openId"/> comes first and alone when nothing is linked.</summary>
    public static async Task<IReadOnlyList<string>> OfAsync(IAppDbContext db, string openId, CancellationToken ct)
    {
        var linked = await db.StudentIdentities.AsNoTracking()
            .Where(s => s.UnionId != null
                && s.UnionId == db.StudentIdentities.Where(me => me.OpenId == openId).Select(me => me.UnionId).FirstOrDefault()
                && s.OpenId != openId)
            .Select(s => s.OpenId)
            .ToListAsync(ct);
        return linked.Count == 0 ? [openId] : [openId, .. linked.Order(StringComparer.Ordinal)];
    }
}
