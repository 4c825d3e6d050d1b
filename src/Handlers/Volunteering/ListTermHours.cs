using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.StaffWork;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>Every volunteer's hours in one term (for coordinators, and the staff CSV), most hours first.</summary>
public sealed record ListTermHoursQuery(string ActorUserId, string Term) : IQuery<TermHoursReport>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId("ActorUserId", ActorUserId),
        .. InputRules.Unless(VolunteerTerm.TryParse(Term, out _), "term", "学期格式为 2026-2027-1（第一学期）或 2026-2027-2。"),
    ];
}

public sealed record TermHoursReport(string Term, string Name, DateOnly From, DateOnly To, IReadOnlyList<VolunteerTotal> Volunteers);

/// <param name="ManualHours">The part entered by coordinators (corrections included).</param>
public sealed record VolunteerTotal(string VolunteerOpenId, decimal Hours, decimal ManualHours, int Shifts);

public sealed class ListTermHoursQueryHandler(IAppDbContext db) : IQueryHandler<ListTermHoursQuery, TermHoursReport>
{
    public async ValueTask<TermHoursReport> Handle(ListTermHoursQuery query, CancellationToken ct)
    {
        var actor = await StaffAccess.ActorAsync(db, query.ActorUserId, ct);
        if (!actor.IsDispatcher)
        {
            throw new DomainException("staff.forbidden", "只有调度员或管理员可以查看志愿时长汇总。");
        }

        VolunteerTerm.TryParse(query.Term, out var term);
        var (from, to) = (Kpis.GetKpisQueryHandler.Start(term.From), Kpis.GetKpisQueryHandler.Start(term.To));
        var entries = await db.HoursEntries.AsNoTracking().Where(e => e.EarnedAt >= from && e.EarnedAt < to).ToListAsync(ct);
        var volunteers = entries.GroupBy(e => e.VolunteerOpenId)
            .Select(g => new VolunteerTotal(g.Key, g.Sum(e => e.Hours), g.Where(e => e.IsManual).Sum(e => e.Hours), g.Count(e => !e.IsManual)))
            .OrderByDescending(v => v.Hours).ThenBy(v => v.VolunteerOpenId, StringComparer.Ordinal)
            .ToList();
        return new TermHoursReport(term.Code, term.Name, term.From, term.To, volunteers);
    }
}
