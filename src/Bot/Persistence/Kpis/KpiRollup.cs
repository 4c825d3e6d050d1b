using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Bot.Persistence.Kpis;

/// <summary>What one rollup run did.</summary>
/// <param name="Days">Days rolled up (first time or again).</param>
/// <param name="Again">Of those, days rolled up again because some of their reports became final since.</param>
/// <param name="Tickets">Final reports frozen into the rows written.</param>
public sealed record KpiRollupResult(int Days, int Again, long Tickets);

/// <summary>
/// Rolls up the finished campus days into <c>KpiDailyRollups</c> (docs/decisions/kpi-rollups.md): each day that has
/// ended before the cut-off (now − <see cref="Settle"/>) and is missing, or has reports that became final after its
/// cut-off, is recomputed from scratch — delete and insert in one transaction, <see cref="KpiRollupOptions.BatchDays"/>
/// days per transaction — so a run that stops half-way leaves whole days behind and the next run resumes. The other
/// rolled days only move their cut-off forward, which keeps the live remainder of every later KPI read small. Runs take
/// <see cref="AppDbContext.LockAsync"/>: a second instance waits, then finds nothing left to do.
/// </summary>
public sealed partial class KpiRollup(AppDbContext db, TimeProvider time, IOptions<KpiRollupOptions> options, ILogger<KpiRollup> logger)
{
    /// <summary>
    /// How far behind now the cut-off stays: a ticket closed before it has been committed (a request's transaction takes
    /// seconds), so a day's rows never miss a closing that commits later.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(10);

    private const string LockName = "kpi-rollup";

    public async Task<KpiRollupResult> RunAsync(CancellationToken ct)
    {
        await using var gate = await db.LockAsync(LockName, ct);
        var now = time.GetUtcNow();
        var cutOff = now - Settle;
        var lastDay = CampusTime.DateOf(cutOff).AddDays(-1);
        var firstReport = await db.RepairTickets.AsNoTracking().OrderBy(t => t.OpenedAt).Select(t => (DateTimeOffset?)t.OpenedAt).FirstOrDefaultAsync(ct);
        if (firstReport is null || CampusTime.DateOf(firstReport.Value) > lastDay)
        {
            return new KpiRollupResult(0, 0, 0);
        }

        var rolled = await db.Set<KpiRollupDay>().AsNoTracking().ToDictionaryAsync(d => d.Day, d => d.CutOff, ct);
        var stale = await StaleDaysAsync(rolled, cutOff, ct);
        await db.Set<KpiRollupDay>().Where(d => d.CutOff < cutOff && !stale.Contains(d.Day)).ExecuteUpdateAsync(s => s.SetProperty(d => d.CutOff, cutOff), ct);

        var first = CampusTime.DateOf(firstReport.Value);
        var todo = Enumerable.Range(0, lastDay.DayNumber - first.DayNumber + 1).Select(first.AddDays)
            .Where(day => !rolled.ContainsKey(day) || stale.Contains(day))
            .ToList();
        long tickets = 0;
        foreach (var batch in todo.Chunk(options.Value.BatchDays))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var day in batch)
            {
                tickets += await RollUpAsync(day, cutOff, now, ct);
            }

            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }

        var result = new KpiRollupResult(todo.Count, stale.Count, tickets);
        if (result.Days > 0)
        {
            LogRolledUp(logger, result.Days, result.Again, result.Tickets);
        }

        return result;
    }

    /// <summary>Rolled days with a report closed at or after the day's cut-off (and before the new one).</summary>
    private async Task<HashSet<DateOnly>> StaleDaysAsync(Dictionary<DateOnly, DateTimeOffset> rolled, DateTimeOffset cutOff, CancellationToken ct)
    {
        if (rolled.Count == 0)
        {
            return [];
        }

        var since = rolled.Values.Min();
        var closings = await db.RepairTickets.AsNoTracking()
            .Where(t => t.ClosedAt >= since && t.ClosedAt < cutOff)
            .Select(t => new { t.OpenedAt, t.ClosedAt })
            .ToListAsync(ct);
        return [.. closings.Select(c => (Day: CampusTime.DateOf(c.OpenedAt), c.ClosedAt))
            .Where(c => rolled.TryGetValue(c.Day, out var dayCutOff) && c.ClosedAt >= dayCutOff)
            .Select(c => c.Day)];
    }

    /// <summary>The day's rows from scratch: its reports final before the cut-off, and every closing of that day.</summary>
    private async Task<int> RollUpAsync(DateOnly day, DateTimeOffset cutOff, DateTimeOffset now, CancellationToken ct)
    {
        var (from, to) = (GetKpisQueryHandler.Start(day), GetKpisQueryHandler.Start(day.AddDays(1)));
        var tickets = await KpiTickets.ReadAsync(
            db, $"""t."OpenedAt" >= @from AND t."OpenedAt" < @to AND t."Status" IN ({KpiTickets.Final}) AND t."ClosedAt" < @cutOff""", cutOff, ct,
            ("from", from), ("to", to), ("cutOff", cutOff));
        var closings = await KpiTickets.ReadClosingsAsync(db, """t."ClosedAt" >= @from AND t."ClosedAt" < @to""", ct, ("from", from), ("to", to));
        var tallies = new Dictionary<(KpiDimension, string), KpiTally>();
        KpiTally Of(KpiDimension by, string key) => tallies.TryGetValue((by, key), out var tally) ? tally : tallies[(by, key)] = new KpiTally();
        foreach (var by in KpiTickets.Stored)
        {
            tickets.ForEach(t => Of(by, t.KeyOf(by)).Add(t));
            closings.ForEach(c => Of(by, c.KeyOf(by)).AddClosed(c.Count));
        }

        await db.Set<KpiDailyRollup>().Where(r => r.Day == day).ExecuteDeleteAsync(ct);
        await db.Set<KpiRollupDay>().Where(d => d.Day == day).ExecuteDeleteAsync(ct);
        db.Set<KpiDailyRollup>().AddRange(tallies.Select(t => t.Value.ToRollup(day, t.Key.Item1, t.Key.Item2)));
        db.Set<KpiRollupDay>().Add(new KpiRollupDay { Day = day, CutOff = cutOff, RolledUpAt = now });
        await db.SaveChangesAsync(ct);
        return tickets.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "KPI rollup: {Days} days rolled up ({Again} again after late closings), {Tickets} final tickets")]
    private static partial void LogRolledUp(ILogger logger, int days, int again, long tickets);
}
