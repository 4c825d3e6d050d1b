using Mediator;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Kpis;

/// <summary>The last <see cref="Days"/> campus days (today included) for the admin page's chart.</summary>
public sealed record GetKpiSeriesQuery(int Days = 30) : IQuery<IReadOnlyList<KpiDay>>, IValidatable
{
    public IEnumerable<ValidationError> Validate() => InputRules.Unless(Days is >= 1 and <= 366, "days", "天数须在1到366之间。");
}

/// <param name="ResolutionCompliance">Share of the day's reports repaired in time (of those decided), 0–100.</param>
public sealed record KpiDay(DateOnly Date, long Opened, long Closed, double? ResponseCompliance, double? ResolutionCompliance);

/// <summary>The KPI reader grouped by day; days without tickets are zeros, so the chart has no gaps.</summary>
public sealed class GetKpiSeriesQueryHandler(IKpiReader reader, TimeProvider time) : IQueryHandler<GetKpiSeriesQuery, IReadOnlyList<KpiDay>>
{
    public async ValueTask<IReadOnlyList<KpiDay>> Handle(GetKpiSeriesQuery query, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var last = CampusTime.DateOf(now);
        var first = last.AddDays(1 - query.Days);
        var rows = (await reader.ReadAsync(KpiDimension.Day, GetKpisQueryHandler.Start(first), GetKpisQueryHandler.Start(last.AddDays(1)), now, ct))
            .ToDictionary(r => r.Key, StringComparer.Ordinal);
        return
        [
            .. Enumerable.Range(0, query.Days).Select(i => first.AddDays(i)).Select(day =>
                rows.TryGetValue(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), out var row)
                    ? new KpiDay(day, row.Opened, row.Closed, KpiFigures.Percent(row.ResponseMet, row.ResponseMet + row.ResponseBreached),
                        KpiFigures.Percent(row.ResolutionMet, row.ResolutionMet + row.ResolutionBreached))
                    : new KpiDay(day, 0, 0, null, null)),
        ];
    }
}
