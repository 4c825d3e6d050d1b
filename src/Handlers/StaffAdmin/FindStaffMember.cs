using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.StaffAdmin;

/// <summary>The member behind a login name (WeCom UserId), active or not; null when there is no row.</summary>
public sealed record FindStaffMemberQuery(string UserId) : IQuery<StaffMemberView?>;

public sealed class FindStaffMemberQueryHandler(IAppDbContext db) : IQueryHandler<FindStaffMemberQuery, StaffMemberView?>
{
    public async ValueTask<StaffMemberView?> Handle(FindStaffMemberQuery query, CancellationToken ct) =>
        await db.StaffMembers.AsNoTracking().Where(m => m.UserId == query.UserId).Select(m => StaffMemberView.Of(m)).SingleOrDefaultAsync(ct);
}
