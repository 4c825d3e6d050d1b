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
/// Links the ticket to the open incident of its trade and building, or opens one when, with the reports around it
/// (±window, not yet linked), some window of <c>Incidents:WindowMinutes</c> holds <c>Incidents:Threshold</c> reports.
/// </summary>
/// <remarks>
/// Runs after its ticket committed, so the detection of the last of a burst to commit sees the whole burst: no lock is
/// needed to count. Two detections deciding at once are settled by the database: one open incident per trade and
/// building (a filtered unique index), one incident per ticket (unique), and the incident's version; the loser reloads
/// and links to the winner's incident. The staff alert is the incident's own event, so it commits only with the winner.
/// </remarks>
public sealed class DetectIncidentCommandHandler(
    IAppDbContext db, IMemoryCache cache, IOptionsMonitor<IncidentOptions> options, TimeProvider time)
    : ICommandHandler<DetectIncidentCommand, Guid?>
{
    private const int Attempts = 8;

    public async ValueTask<Guid?> Handle(DetectIncidentCommand command, CancellationToken ct)
    {
        var ticket = await db.RepairTickets.AsNoTracking()
            .Where(t => t.Id == command.TicketId)
            .Select(t => new { t.Id, t.CategoryId, t.LocationId, t.OpenedAt })
            .SingleOrDefaultAsync(ct);
        if (ticket?.LocationId is not { } locationId || await CampusPlaces.BuildingOfAsync(cache, db, locationId, ct) is not { } buildingId)
        {
            return null;
        }

        var trade = await CampusPlaces.TradeOfAsync(cache, db, ticket.CategoryId, ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await DetectAsync(ticket.Id, ticket.OpenedAt, trade, buildingId, ct) is { Settled: true } outcome)
                {
                    return outcome.IncidentId;
                }
            }
            catch (Exception ex) when (attempt < Attempts && StorageConflict.Is(ex))
            {
                db.ChangeTracker.Clear();
            }

            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"Incident detection for ticket {ticket.Id} lost {Attempts} races in a row.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), ct);
        }
    }

    /// <summary>Not settled: the open incident found closed (or the ticket linked) in between; decide again.</summary>
    private readonly record struct Outcome(bool Settled, Guid? IncidentId);

    private async Task<Outcome> DetectAsync(Guid ticketId, DateTimeOffset reportedAt, Guid trade, Guid buildingId, CancellationToken ct)
    {
        var linked = db.Incidents.SelectMany(i => i.Tickets);
        if (await db.Incidents.Where(i => i.Tickets.Any(t => t.TicketId == ticketId)).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct) is { } existing)
        {
            return new(true, existing);
        }

        // An open incident takes the report by a set-based link: loading it would read every report linked so far,
        // once per report of the storm, and concurrent links would clash on its version.
        var now = time.GetUtcNow();
        var open = await db.Incidents
            .Where(i => i.CategoryId == trade && i.BuildingId == buildingId && i.Status == IncidentStatus.Open)
            .Select(i => (Guid?)i.Id)
            .SingleOrDefaultAsync(ct);
        if (open is { } openId)
        {
            return await db.LinkToOpenIncidentAsync(openId, ticketId, reportedAt, now, ct) ? new(true, openId) : new(false, null);
        }

        var settings = options.CurrentValue;
        var categories = await CampusPlaces.CategoriesOfTradeAsync(cache, db, trade, ct);
        var places = await CampusPlaces.PlacesInBuildingAsync(cache, db, buildingId, ct);
        var (from, to) = (reportedAt - settings.Window, reportedAt + settings.Window);
        var nearby = await db.RepairTickets.AsNoTracking()
            .Where(t => categories.Contains(t.CategoryId) && t.LocationId != null && places.Contains(t.LocationId.Value))
            .Where(t => t.OpenedAt >= from && t.OpenedAt <= to)
            .Where(t => !linked.Any(l => l.TicketId == t.Id))
            .Select(t => new { t.Id, t.OpenedAt })
            .ToListAsync(ct);
        var times = nearby.Select(t => t.OpenedAt).Order().ToList();
        if (!HasBurst(times, settings.Threshold, settings.Window))
        {
            return new(true, null);
        }

        var incident = Incident.Open(trade, buildingId, [.. nearby.Select(t => (t.Id, t.OpenedAt))], now);
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(ct);
        return new(true, incident.Id);
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
