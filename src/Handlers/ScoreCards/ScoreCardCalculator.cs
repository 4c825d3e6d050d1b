using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.ScoreCards;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Handlers.ScoreCards;

/// <summary>
/// The live cards of a period: the KPI reader's figures per team or worker (the same numbers as <c>/api/staff/kpis</c>,
/// no second set of queries), turned into indicators and scored by <see cref="ScoreFormula"/>. Tickets without a team or
/// assignee have nobody to answer for them and get no card.
/// </summary>
public sealed class ScoreCardCalculator(IAppDbContext db, IKpiReader reader, IOptionsMonitor<ScoreCardOptions> options, TimeProvider time)
{
    public async Task<ScoreCardReport> ComputeAsync(ScoreCardScope scope, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var dimension = scope == ScoreCardScope.Team ? KpiDimension.Team : KpiDimension.Worker;
        var (start, end) = (GetKpisQueryHandler.Start(from), GetKpisQueryHandler.Start(to));
        var now = time.GetUtcNow();
        var asOf = now < end ? now : end;
        var rows = await reader.ReadAsync(dimension, start, end, asOf, ct);
        var name = scope == ScoreCardScope.Team ? await KpiLabels.ForAsync(db, dimension, ct) : await WorkerNamesAsync(ct);
        var targets = options.CurrentValue.Targets;
        var cards = rows.Where(r => r.Key.Length > 0)
            .Select(row => Card(row, name(row.Key), targets))
            .OrderByDescending(c => c.Score ?? -1).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        return new ScoreCardReport(from, to, scope, now, null, null, targets, cards);
    }

    /// <summary>The indicator values of one KPI row: the KPI figures as people read them (rounded as on the KPI page).</summary>
    public static double? Actual(ScoreIndicator indicator, TicketKpiRow row, KpiGroup figures) => indicator switch
    {
        ScoreIndicator.SlaCompliance => KpiFigures.Percent(row.ResponseMet + row.ResolutionMet,
            row.ResponseMet + row.ResponseBreached + row.ResolutionMet + row.ResolutionBreached),
        ScoreIndicator.MedianResolutionMinutes => figures.ResolutionMinutes?.Median,
        ScoreIndicator.ReworkRate => figures.ReworkRate,
        ScoreIndicator.Satisfaction => figures.SatisfactionAverage,
        ScoreIndicator.Complaints => row.Complaints,
        ScoreIndicator.TicketsClosed => row.Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, null),
    };

    private static ScoreCard Card(TicketKpiRow row, string name, IReadOnlyList<IndicatorTarget> targets)
    {
        var figures = KpiFigures.Group(row, name);
        var (indicators, total) = ScoreFormula.Card(targets, indicator => Actual(indicator, row, figures));
        return new ScoreCard(row.Key, name, total, indicators);
    }

    /// <summary>"张三（1024）" for members, the UserId for anyone no longer on the staff list.</summary>
    private async Task<Func<string, string>> WorkerNamesAsync(CancellationToken ct)
    {
        var members = await db.StaffMembers.AsNoTracking().ToDictionaryAsync(m => m.UserId, m => $"{m.DisplayName}（{m.EmployeeNo}）", StringComparer.Ordinal, ct);
        return key => members.GetValueOrDefault(key) ?? key;
    }
}
