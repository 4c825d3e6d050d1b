using Microsoft.EntityFrameworkCore;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Kpis;

namespace WechatLogistics.Bot.Persistence.Kpis;

/// <summary>
/// The KPI read once some of the period's days are rolled up (<see cref="KpiRollup"/>): the stored rows of those days,
/// merged with a live read of the rest, which is disjoint from them by construction —
/// <list type="bullet">
/// <item>every ticket reported outside the rolled days (days not rolled up yet, today, partial days at the edges);</item>
/// <item>the rolled days' tickets that are not final (few: the partial index of open tickets holds them);</item>
/// <item>the rolled days' final tickets closed at or after their day's cut-off (read by the close-time index).</item>
/// </list>
/// Closings come from the rolled days' rows and live for the other days. Counts are exact; the percentiles are read
/// from merged sketches, within <see cref="KpiSketch.RelativeError"/> of percentile_cont. Runs inside the caller's
/// snapshot transaction, so a rollup written meanwhile is seen entirely or not at all.
/// </summary>
internal static class RolledUpKpiReader
{
    /// <summary>The rolled days' reports that may still change (the index on Status, OpenedAt finds them).</summary>
    public static readonly string NotFinal = $"""t."OpenedAt" >= @rf AND t."OpenedAt" < @rt AND t."Status" IN ({KpiTickets.NotFinal})""";

    /// <summary>Final reports closed since the oldest cut-off (the close-time index finds them); each day's own is checked here.</summary>
    public static readonly string ClosedLate = $"""t."ClosedAt" >= @minCut AND t."OpenedAt" >= @rf AND t."OpenedAt" < @rt AND t."Status" IN ({KpiTickets.Final})""";

    public static async Task<IReadOnlyList<TicketKpiRow>> ReadAsync(
        AppDbContext db, IReadOnlyDictionary<DateOnly, DateTimeOffset> cutOffs, KpiDimension by, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, CancellationToken ct)
    {
        var (first, end) = (cutOffs.Keys.Min(), cutOffs.Keys.Max().AddDays(1));
        var tallies = new Dictionary<string, KpiTally>(StringComparer.Ordinal);
        KpiTally Of(string key) => tallies.TryGetValue(key, out var tally) ? tally : tallies[key] = new KpiTally();

        var stored = by == KpiDimension.Day ? KpiDimension.Overall : by;
        var rows = await db.Set<KpiDailyRollup>().AsNoTracking()
            .Where(r => r.Dimension == stored && r.Day >= first && r.Day < end)
            .ToListAsync(ct);
        foreach (var row in rows.Where(r => cutOffs.ContainsKey(r.Day)))
        {
            Of(by == KpiDimension.Day ? KpiTickets.DayKey(row.Day) : row.Key).Merge(row);
        }

        var live = LiveRanges(cutOffs.Keys, from, to);
        if (live.Count > 0)
        {
            var (where, parameters) = Ranges("OpenedAt", live);
            foreach (var ticket in await KpiTickets.ReadAsync(db, where, asOf, ct, parameters))
            {
                Of(ticket.KeyOf(by)).Add(ticket);
            }

            (where, parameters) = Ranges("ClosedAt", live);
            foreach (var closings in await KpiTickets.ReadClosingsAsync(db, where, ct, parameters))
            {
                Of(closings.KeyOf(by)).AddClosed(closings.Count);
            }
        }

        var (rolledFrom, rolledTo) = (GetKpisQueryHandler.Start(first), GetKpisQueryHandler.Start(end));
        var open = await KpiTickets.ReadAsync(db, NotFinal, asOf, ct, ("rf", rolledFrom), ("rt", rolledTo));
        var lateClosed = await KpiTickets.ReadAsync(db, ClosedLate, asOf, ct, ("minCut", cutOffs.Values.Min()), ("rf", rolledFrom), ("rt", rolledTo));
        foreach (var ticket in open.Where(t => cutOffs.ContainsKey(t.Day))
            .Concat(lateClosed.Where(t => cutOffs.TryGetValue(t.Day, out var cutOff) && t.ClosedAt >= cutOff)))
        {
            Of(ticket.KeyOf(by)).Add(ticket);
        }

        return [.. tallies.Select(t => t.Value.ToRow(t.Key))];
    }

    /// <summary>The whole days of [from, to), as campus dates [first, end).</summary>
    public static (DateOnly First, DateOnly End) WholeDays(DateTimeOffset from, DateTimeOffset to)
    {
        var first = CampusTime.DateOf(from);
        if (GetKpisQueryHandler.Start(first) < from)
        {
            first = first.AddDays(1);
        }

        return (first, CampusTime.DateOf(to));
    }

    /// <summary>[from, to) without the rolled days: the instants read live.</summary>
    private static List<(DateTimeOffset From, DateTimeOffset To)> LiveRanges(IEnumerable<DateOnly> rolled, DateTimeOffset from, DateTimeOffset to)
    {
        var ranges = new List<(DateTimeOffset, DateTimeOffset)>();
        var cursor = from;
        foreach (var day in rolled.Order())
        {
            var start = GetKpisQueryHandler.Start(day);
            if (start > cursor)
            {
                ranges.Add((cursor, start));
            }

            cursor = GetKpisQueryHandler.Start(day.AddDays(1));
        }

        if (cursor < to)
        {
            ranges.Add((cursor, to));
        }

        return ranges;
    }

    private static (string Where, (string, DateTimeOffset)[] Parameters) Ranges(string column, List<(DateTimeOffset From, DateTimeOffset To)> ranges) =>
    (
        string.Join(" OR ", ranges.Select((_, i) => $"""(t."{column}" >= @s{i} AND t."{column}" < @e{i})""")),
        [.. ranges.SelectMany((r, i) => new[] { ($"s{i}", r.From), ($"e{i}", r.To) })]
    );
}
