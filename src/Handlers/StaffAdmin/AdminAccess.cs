using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.StaffAdmin;

/// <summary>Reference data is read by any staff member and edited by admins only (checked here, not just at the endpoint).</summary>
internal static class AdminAccess
{
    public static async Task<StaffMember> AdminAsync(IAppDbContext db, string actorUserId, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, actorUserId, ct);
        actor.EnsureAdmin();
        return actor;
    }

    public static Task<StaffMember> StaffAsync(IAppDbContext db, string actorUserId, CancellationToken ct) =>
        StaffAccess.ActorAsync(db, actorUserId, ct);

    /// <summary>The PUT bodies carry the desired flag; the entities expose the two verbs.</summary>
    public static void SetActive(bool active, Action activate, Action deactivate) => (active ? activate : deactivate)();

    public static DomainException NotFound(string what) => new($"{what}.not_found", "没有找到这条记录。");

    public static DomainException Duplicate(string what, string message) => new($"{what}.duplicate", message);
}
