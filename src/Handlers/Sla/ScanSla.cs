using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Sla;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.Sla;

/// <summary>One pass of the SLA monitor (the Bot's background service sends it every <c>Sla:ScanSeconds</c>).</summary>
public sealed record ScanSlaCommand : ICommand<SlaScanResult>;

/// <param name="Unrouted">Stages recorded without a message because nobody was configured to receive it.</param>
public sealed record SlaScanResult(int Warnings, int Breaches, int Unrouted);

/// <summary>
/// Finds running clocks that reached Warning (80 % of the allowed time) or Breached (100 %) and have no alert for that
/// stage yet. Each alert row and its WeCom app message are saved together: the alert's key (ticket, clock, stage) lets
/// only one of two monitors racing on the same stage commit, and the loser's message rolls back with it. State lives
/// in the database, so a restart neither repeats nor forgets an alert. A ticket first seen already breached gets only
/// the breach message. Warning → the assignee (or the supervisors when nobody is assigned); breach → the supervisors.
/// </summary>
public sealed partial class ScanSlaCommandHandler(
    IAppDbContext db,
    IOutbox outbox,
    ISlaEscalationTargets escalation,
    IMemoryCache cache,
    IOptionsMonitor<SlaOptions> options,
    TimeProvider time,
    ILogger<ScanSlaCommandHandler> logger) : ICommandHandler<ScanSlaCommand, SlaScanResult>
{
    private const int Batch = 100;
    private const int Attempts = 5;

    public async ValueTask<SlaScanResult> Handle(ScanSlaCommand command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ScanAsync(ct);
                return _done;
            }
            catch (Exception ex) when (attempt < Attempts && StorageConflict.Is(ex))
            {
                // Another monitor committed some of the same alerts first: reload and skip what it has done.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>What committed so far (a retry after a conflict adds to it).</summary>
    private SlaScanResult _done = new(0, 0, 0);

    private async Task ScanAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var ratio = options.CurrentValue.WarningRatio;
        var due = (await RunningSlaClocks.LoadAsync(db, now, ratio, ct))
            .Select(clock => (Clock: clock, Stage: clock.StageAt(now, ratio)))
            .Where(c => c.Stage is SlaStage.Warning or SlaStage.Breached)
            .ToList();
        if (due.Count == 0)
        {
            return;
        }

        var ids = due.Select(c => c.Clock.TicketId).Distinct().ToList();
        var notified = (await db.SlaAlerts.AsNoTracking().Where(a => ids.Contains(a.TicketId)).Select(a => new { a.TicketId, a.Clock, a.Stage }).ToListAsync(ct))
            .Select(a => (a.TicketId, a.Clock, a.Stage))
            .ToHashSet();
        // A fixed order: two monitors inserting the same alerts then wait on each other instead of deadlocking.
        var pending = due.Where(c => !notified.Contains((c.Clock.TicketId, c.Clock.Clock, c.Stage)))
            .OrderBy(c => c.Clock.TicketId).ThenBy(c => c.Clock.Clock).ThenBy(c => c.Stage)
            .ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var categories = await ReferenceDataCache.CategoriesAsync(cache, db, ct);
        var locations = await ReferenceDataCache.LocationsAsync(cache, db, ct);
        foreach (var chunk in pending.Chunk(Batch))
        {
            var tally = new SlaScanResult(0, 0, 0);
            foreach (var (clock, stage) in chunk)
            {
                db.SlaAlerts.Add(new SlaAlert(clock.TicketId, clock.Clock, stage, now));
                var recipients = stage == SlaStage.Warning && clock.AssigneeId is { } assignee
                    ? [assignee]
                    : await escalation.SupervisorsAsync(new SlaTicketRef(clock.TicketId, clock.CategoryId, clock.LocationId, clock.AssigneeId), ct);
                if (recipients.Count == 0)
                {
                    LogUnrouted(logger, clock.Number, clock.Clock, stage);
                    tally = tally with { Unrouted = tally.Unrouted + 1 };
                    continue;
                }

                var place = locations.PlaceOf(clock.LocationId, clock.LocationText);
                var category = categories.PathOf(clock.CategoryId) ?? "未知类别";
                var text = stage == SlaStage.Warning ? SlaTexts.Warning(clock, place, category, now) : SlaTexts.Breach(clock, place, category, now);
                outbox.Enqueue(new OutboxItem(
                    OutboxChannel.WeComApp,
                    "sla",
                    $"sla:{clock.TicketId:N}:{clock.Clock}:{stage}",
                    new OutboxContent
                    {
                        Title = stage == SlaStage.Warning ? "报修即将超时" : "报修已超时",
                        Text = text,
                        Summary = SlaTexts.Summary(clock, stage, place, category, now),
                        WeComToUser = string.Join('|', recipients),
                    }));
                tally = stage == SlaStage.Warning ? tally with { Warnings = tally.Warnings + 1 } : tally with { Breaches = tally.Breaches + 1 };
            }

            await db.SaveChangesAsync(ct);
            _done = new(_done.Warnings + tally.Warnings, _done.Breaches + tally.Breaches, _done.Unrouted + tally.Unrouted);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SLA {Stage} of {Clock} clock for ticket {Number} has nobody to notify (set Sla:SupervisorUserIds)")]
    private static partial void LogUnrouted(ILogger logger, string number, SlaClockKind clock, SlaStage stage);
}
