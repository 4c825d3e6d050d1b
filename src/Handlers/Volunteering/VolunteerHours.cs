using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Volunteering;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Students;

namespace WechatLogistics.Handlers.Volunteering;

/// <summary>A student's own hours (志愿时长) per term, with the ledger lines: for chat, the mini-program and the certificate.</summary>
public sealed record GetMyHoursQuery(string VolunteerOpenId) : IQuery<MyHours>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => InputRules.UserId("volunteerOpenId", VolunteerOpenId);
}

/// <param name="Terms">Terms with entries, latest first.</param>
public sealed record MyHours(string VolunteerOpenId, IReadOnlyList<TermHours> Terms, decimal Total, IReadOnlyList<HoursLine> Entries);

public sealed record TermHours(string Term, string Name, decimal Hours);

/// <param name="Shift">The shift's title for a completion; null for a manual entry.</param>
public sealed record HoursLine(DateTimeOffset EarnedAt, string Term, decimal Hours, string? Shift, string? Reason, bool IsManual);

public sealed class GetMyHoursQueryHandler(IAppDbContext db) : IQueryHandler<GetMyHoursQuery, MyHours>
{
    public async ValueTask<MyHours> Handle(GetMyHoursQuery query, CancellationToken ct)
    {
        var entries = await VolunteerHoursLedger.EntriesAsync(db, await StudentOpenIds.OfAsync(db, query.VolunteerOpenId, ct), ct);
        var shiftIds = entries.Where(e => e.ShiftId is not null).Select(e => e.ShiftId!.Value).Distinct().ToList();
        var titles = await db.VolunteerShifts.AsNoTracking().Where(s => shiftIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Title, ct);
        var lines = entries.OrderByDescending(e => e.EarnedAt)
            .Select(e => new HoursLine(e.EarnedAt, VolunteerHoursLedger.TermOf(e).Code, e.Hours, e.ShiftId is { } id ? titles.GetValueOrDefault(id) : null, e.Reason, e.IsManual))
            .ToList();
        var terms = entries.GroupBy(VolunteerHoursLedger.TermOf)
            .OrderByDescending(g => g.Key.From)
            .Select(g => new TermHours(g.Key.Code, g.Key.Name, g.Sum(e => e.Hours)))
            .ToList();
        return new MyHours(query.VolunteerOpenId, terms, entries.Sum(e => e.Hours), lines);
    }
}

/// <summary>Reading the ledger. Sums are taken here, not in SQL: SQLite cannot aggregate decimals.</summary>
internal static class VolunteerHoursLedger
{
    public static Task<List<HoursEntry>> EntriesAsync(IAppDbContext db, IReadOnlyList<string> openIds, CancellationToken ct) =>
        db.HoursEntries.AsNoTracking().Where(e => openIds.Contains(e.VolunteerOpenId)).ToListAsync(ct);

    public static VolunteerTerm TermOf(HoursEntry entry) => VolunteerTerm.Of(CampusTime.DateOf(entry.EarnedAt));

    public static decimal TermTotal(IEnumerable<HoursEntry> entries, VolunteerTerm term) => entries.Where(e => TermOf(e) == term).Sum(e => e.Hours);
}
