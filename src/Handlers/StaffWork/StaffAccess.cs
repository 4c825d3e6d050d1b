using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Staff;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.StaffWork;

/// <summary>
/// Loading who acts and on what. Every staff command and query names its actor by WeCom UserId (the API's token
/// subject, the chat's FromUserName) and its ticket by number or id, so the same messages serve both.
/// </summary>
internal static class StaffAccess
{
    public static DomainException TicketNotFound() => new("ticket.not_found", "没有找到这张报修单。");

    /// <summary>The acting member, active; anyone else is <c>staff.forbidden</c> (403).</summary>
    public static async Task<StaffMember> ActorAsync(IAppDbContext db, string userId, CancellationToken ct)
    {
        var member = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == userId, ct)
            ?? throw new DomainException("staff.forbidden", "你还不是后勤维修人员，请联系管理员开通。");
        member.EnsureActive();
        return member;
    }

    /// <summary>The ticket, tracked, by "R20250903-0042" or its id.</summary>
    public static async Task<RepairTicket> TicketAsync(IAppDbContext db, string reference, CancellationToken ct) =>
        await Matching(db.RepairTickets, reference).SingleOrDefaultAsync(ct) ?? throw TicketNotFound();

    public static IQueryable<RepairTicket> Matching(IQueryable<RepairTicket> tickets, string reference)
    {
        if (Guid.TryParse(reference, out var id))
        {
            return tickets.Where(t => t.Id == id);
        }

        var number = RepairTicketNumber.Parse(reference.Trim());
        return tickets.Where(t => t.Number == number);
    }

    /// <summary>A member by 工号 (what people type) or by UserId.</summary>
    public static async Task<StaffMember> MemberAsync(IAppDbContext db, string reference, CancellationToken ct)
    {
        var key = reference.Trim();
        return await db.StaffMembers.AsNoTracking()
            .Where(s => s.EmployeeNo == key || s.UserId == key)
            .OrderBy(s => s.EmployeeNo == key ? 0 : 1)
            .FirstOrDefaultAsync(ct)
            ?? throw new DomainException("staff.not_found", $"没有找到工号或账号为 {key} 的员工。");
    }

    public static bool IsTicketReference(string? reference) =>
        !string.IsNullOrWhiteSpace(reference)
        && ((Guid.TryParse(reference, out var id) && id != Guid.Empty) || RepairTicketNumber.TryParse(reference, out _));

    public static IEnumerable<ValidationError> Validate(string actorUserId, string ticket) =>
    [
        .. InputRules.UserId("ActorUserId", actorUserId),
        .. InputRules.Unless(IsTicketReference(ticket), "Ticket", "请提供报修单号（如 R20250903-0042）。"),
    ];
}
