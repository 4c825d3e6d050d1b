using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Kpis;

/// <summary>Service-quality KPIs (量化考核) for the campus days [<see cref="From"/>, <see cref="To"/>), grouped <see cref="By"/>.</summary>
public sealed record GetKpisQuery(DateOnly From, DateOnly To, KpiDimension By) : IQuery<KpiReport>, IValidatable
{
    public const int MaxDays = 400;

    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.Unless(From < To, "to", "结束日期须晚于开始日期。"),
        .. InputRules.Unless(To.DayNumber - From.DayNumber <= MaxDays, "from", $"统计区间不能超过{MaxDays}天。"),
        .. InputRules.Unless(Enum.IsDefined(By), "by", "分组须为 overall、category、building、team、worker 或 day。"),
    ];
}

/// <summary>
/// The ticket figures come from <see cref="IKpiReader"/> (computed in the database); the feedback averages per service
/// and place from one grouped query. A running clock counts as breached once its due time is before now (or the end of
/// the period, for a period in the past).
/// </summary>
public sealed class GetKpisQueryHandler(IAppDbContext db, IKpiReader reader, TimeProvider time) : IQueryHandler<GetKpisQuery, KpiReport>
{
    public async ValueTask<KpiReport> Handle(GetKpisQuery query, CancellationToken ct)
    {
        var (from, to) = (Start(query.From), Start(query.To));
        var now = time.GetUtcNow();
        var asOf = now < to ? now : to;
        var rows = await reader.ReadAsync(query.By, from, to, asOf, ct);
        var name = await KpiLabels.ForAsync(db, query.By, ct);
        var groups = rows.Select(row => KpiFigures.Group(row, name(row.Key)));
        groups = query.By == KpiDimension.Day ? groups.OrderBy(g => g.Key, StringComparer.Ordinal) : groups.OrderByDescending(g => g.Opened).ThenBy(g => g.Name, StringComparer.Ordinal);
        return new KpiReport(query.From, query.To, query.By, asOf, [.. groups], await FeedbackAsync(from, to, ct));
    }

    /// <summary>Campus midnight of <paramref name="day"/>, as an instant.</summary>
    public static DateTimeOffset Start(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), CampusTime.Offset).ToUniversalTime();

    private async Task<List<FeedbackKpi>> FeedbackAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var places = await db.Feedbacks.AsNoTracking()
            .Where(f => f.SubmittedAt >= from && f.SubmittedAt < to)
            .GroupBy(f => new { f.Subject, f.PlaceName })
            .Select(g => new { g.Key.Subject, g.Key.PlaceName, Count = g.LongCount(), Stars = g.Sum(f => (long)f.Stars) })
            .ToListAsync(ct);
        var result = new List<FeedbackKpi>();
        foreach (var subject in places.GroupBy(p => p.Subject).OrderBy(g => g.Key))
        {
            var (count, stars) = (subject.Sum(p => p.Count), subject.Sum(p => p.Stars));
            result.Add(new FeedbackKpi(subject.Key, subject.Key.Name(), null, count, KpiFigures.Round((double)stars / count, 2)));
            result.AddRange(subject.Where(p => p.PlaceName is not null).OrderByDescending(p => p.Count).ThenBy(p => p.PlaceName, StringComparer.Ordinal)
                .Select(p => new FeedbackKpi(subject.Key, subject.Key.Name(), p.PlaceName, p.Count, KpiFigures.Round((double)p.Stars / p.Count, 2))));
        }

        return result;
    }
}
