using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.Incidents;

/// <summary>Incident detection for one new ticket; sent after the ticket's transaction committed (<see cref="OutboxChannel.IncidentCheck"/>).</summary>
public sealed record DetectIncidentCommand(Guid TicketId) : ICommand<Guid?>;

/// <summary>
/// Incident detection for several new tickets at once — the outbox's checks that queued together in a storm: one read
/// of the tickets, and the reports of one trade and building linked in one statement. Answers each ticket's incident.
/// </summary>
public sealed record DetectIncidentsCommand(IReadOnlyList<Guid> TicketIds) : ICommand<IReadOnlyDictionary<Guid, Guid?>>;

/// <summary>
/// Links each ticket to the open incident of its trade and building, or opens one when, with the reports around it
/// (±window, not yet linked), some window of <c>Incidents:WindowMinutes</c> holds <c>Incidents:Threshold</c> reports.
/// Tickets checked together are decided as if one after another in report order.
/// </summary>
/// <remarks>
/// Runs after its tickets committed, so the detection of the last of a burst to commit sees the whole burst: no lock is
/// needed to count. Two detections deciding at once are settled by the database: one open incident per trade and
/// building (a filtered unique index), one incident per ticket (unique), and the incident's version; the loser decides
/// again and links to the winner's incident. The staff alert is the incident's own event, so it commits only with the
/// winner.
/// </remarks>
public sealed class DetectIncidentCommandHandler(
    IAppDbContext db, IMemoryCache cache, IOptionsMonitor<IncidentOptions> options, TimeProvider time)
    : ICommandHandler<DetectIncidentCommand, Guid?>, ICommandHandler<DetectIncidentsCommand, IReadOnlyDictionary<Guid, Guid?>>
{
    private const int Attempts = 8;

    public async ValueTask<Guid?> Handle(DetectIncidentCommand command, CancellationToken ct) =>
        (await DetectAsync([command.TicketId], ct))[command.TicketId];

    public async ValueTask<IReadOnlyDictionary<Guid, Guid?>> Handle(DetectIncidentsCommand command, CancellationToken ct) =>
        await DetectAsync(command.TicketIds, ct);

    /// <summary>A report to decide: the ticket, when it was reported, and the incident group it belongs to.</summary>
    private sealed record Report(Guid Id, DateTimeOffset At, Guid Trade, Guid Building);

    /// <returns>Each ticket's incident, null for none; every ticket asked about is in it.</returns>
    private async Task<Dictionary<Guid, Guid?>> DetectAsync(IReadOnlyList<Guid> ticketIds, CancellationToken ct)
    {
        var ids = ticketIds.Distinct().ToList();
        var decided = new Dictionary<Guid, Guid?>(ids.Count);
        var tickets = await db.RepairTickets.AsNoTracking()
            .Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.CategoryId, t.LocationId, t.OpenedAt })
            .ToListAsync(ct);
        var pending = new List<Report>(tickets.Count);
        foreach (var ticket in tickets.OrderBy(t => t.OpenedAt))
        {
            // A ticket without a place in a building (or gone) is in no incident.
            if (ticket.LocationId is { } locationId && await CampusPlaces.BuildingOfAsync(cache, db, locationId, ct) is { } buildingId)
            {
                pending.Add(new Report(ticket.Id, ticket.OpenedAt, await CampusPlaces.TradeOfAsync(cache, db, ticket.CategoryId, ct), buildingId));
            }
        }

        // Each round decides some reports; one that decides none lost a race (an incident opened, closed or took the
        // reports in between) and tries again after a short random wait.
        for (var races = 0; pending.Count > 0;)
        {
            var before = pending.Count;
            try
            {
                await DecideAsync(pending, decided, ct);
            }
            catch (Exception ex) when (races + 1 < Attempts && StorageConflict.Is(ex))
            {
                db.ChangeTracker.Clear();
            }

            pending.RemoveAll(r => decided.ContainsKey(r.Id));
            if (pending.Count == before)
            {
                if (++races == Attempts)
                {
                    throw new InvalidOperationException($"Incident detection for {pending.Count} tickets lost {Attempts} races.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * races)), ct);
            }
        }

        foreach (var id in ids)
        {
            decided.TryAdd(id, null);
        }

        return decided;
    }

    /// <summary>
    /// One round: reports linked already take their incident; a group (trade and building) with an open incident is
    /// linked to it in one statement; a group without one opens it at the first report whose window holds a burst.
    /// </summary>
    private async Task DecideAsync(List<Report> pending, Dictionary<Guid, Guid?> decided, CancellationToken ct)
    {
        var ids = pending.Select(r => r.Id).ToList();
        var links = await db.Incidents
            .SelectMany(i => i.Tickets, (i, t) => new { t.TicketId, IncidentId = i.Id })
            .Where(l => ids.Contains(l.TicketId))
            .ToListAsync(ct);
        foreach (var link in links)
        {
            decided[link.TicketId] = link.IncidentId;
        }

        var groups = pending.Where(r => !decided.ContainsKey(r.Id)).GroupBy(r => (r.Trade, r.Building)).ToList();
        if (groups.Count == 0)
        {
            return;
        }

        var (trades, buildings) = (groups.Select(g => g.Key.Trade).Distinct().ToList(), groups.Select(g => g.Key.Building).Distinct().ToList());
        var open = (await db.Incidents
                .Where(i => i.Status == IncidentStatus.Open && trades.Contains(i.CategoryId) && buildings.Contains(i.BuildingId))
                .Select(i => new { i.Id, i.CategoryId, i.BuildingId })
                .ToListAsync(ct))
            .ToDictionary(i => (i.CategoryId, i.BuildingId), i => i.Id);
        var now = time.GetUtcNow();
        foreach (var group in groups)
        {
            var reports = group.ToList();
            if (open.TryGetValue(group.Key, out var openId))
            {
                // Set-based: loading the incident would read every report linked so far, once per burst.
                var linked = await db.LinkToOpenIncidentAsync(openId, [.. reports.Select(r => (r.Id, r.At))], now, ct);
                foreach (var id in linked ?? [])
                {
                    decided[id] = openId;
                }
            }
            else
            {
                await OpenIfBurstAsync(group.Key.Trade, group.Key.Building, reports, decided, now, ct);
            }
        }
    }

    /// <summary>
    /// Reads the unlinked reports around the group's once; the first report (in report order) whose ±window holds a
    /// burst opens the incident with that window's reports. Those before it are in no incident; those after it are
    /// linked to it in the next round.
    /// </summary>
    private async Task OpenIfBurstAsync(Guid trade, Guid buildingId, List<Report> reports, Dictionary<Guid, Guid?> decided, DateTimeOffset now, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var categories = await CampusPlaces.CategoriesOfTradeAsync(cache, db, trade, ct);
        var places = await CampusPlaces.PlacesInBuildingAsync(cache, db, buildingId, ct);
        var (from, to) = (reports[0].At - settings.Window, reports[^1].At + settings.Window);
        var linked = db.Incidents.SelectMany(i => i.Tickets);
        var around = (await db.RepairTickets.AsNoTracking()
                .Where(t => categories.Contains(t.CategoryId) && t.LocationId != null && places.Contains(t.LocationId.Value))
                .Where(t => t.OpenedAt >= from && t.OpenedAt <= to)
                .Where(t => !linked.Any(l => l.TicketId == t.Id))
                .Select(t => new { t.Id, t.OpenedAt })
                .ToListAsync(ct))
            .OrderBy(t => t.OpenedAt)
            .ToList();
        foreach (var report in reports)
        {
            var nearby = around.Where(t => t.OpenedAt >= report.At - settings.Window && t.OpenedAt <= report.At + settings.Window).ToList();
            if (!HasBurst([.. nearby.Select(t => t.OpenedAt)], settings.Threshold, settings.Window))
            {
                decided[report.Id] = null;
                continue;
            }

            var incident = Incident.Open(trade, buildingId, [.. nearby.Select(t => (t.Id, t.OpenedAt))], now);
            db.Incidents.Add(incident);
            await db.SaveChangesAsync(ct);
            // The group's reports in its window are linked now, also those decided "none" before it.
            var mine = reports.Select(r => r.Id).ToHashSet();
            foreach (var linkedReport in nearby.Where(t => mine.Contains(t.Id)))
            {
                decided[linkedReport.Id] = incident.Id;
            }

            return;
        }
    }

    /// <summary>Whether some <paramref name="threshold"/> consecutive report times span at most <paramref name="window"/>.</summary>
    public static bool HasBurst(IReadOnlyList<DateTimeOffset> sortedTimes, int threshold, TimeSpan window)
    {
        for (var i = 0; i + threshold - 1 < sortedTimes.Count; i++)
        {
            if (sortedTimes[i + threshold - 1] - sortedTimes[i] <= window)
            {
                return true;
            }
        }

        return false;
    }
}
