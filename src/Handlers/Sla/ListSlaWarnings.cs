using Mediator;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Domain.Sla;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.Sla;

/// <summary>Open tickets whose response or resolution clock is at Warning or Breached now, most urgent first.</summary>
public sealed record ListSlaWarningsQuery(int Limit = 200) : IQuery<IReadOnlyList<SlaWarning>>;

/// <param name="Clock">The worse of the ticket's running clocks (the earlier due on a tie).</param>
/// <param name="MinutesLate">Minutes past the due time; negative while time is left.</param>
public sealed record SlaWarning(
    Guid TicketId,
    string Number,
    TicketStatus Status,
    Priority Priority,
    string Category,
    string Place,
    string? AssigneeId,
    SlaClockKind Clock,
    SlaStage Stage,
    DateTimeOffset DueAt,
    int MinutesLate);

/// <summary>Breached before warned; among breaches the longest overdue first, among warnings the least time left.</summary>
public sealed class ListSlaWarningsQueryHandler(IAppDbContext db, IMemoryCache cache, IOptionsMonitor<SlaOptions> options, TimeProvider time)
    : IQueryHandler<ListSlaWarningsQuery, IReadOnlyList<SlaWarning>>
{
    public async ValueTask<IReadOnlyList<SlaWarning>> Handle(ListSlaWarningsQuery query, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var ratio = options.CurrentValue.WarningRatio;
        var worst = (await RunningSlaClocks.LoadAsync(db, now, ratio, ct))
            .Select(clock => (Clock: clock, Stage: clock.StageAt(now, ratio)))
            .Where(c => c.Stage is SlaStage.Warning or SlaStage.Breached)
            .GroupBy(c => c.Clock.TicketId)
            .Select(g => g.OrderByDescending(c => c.Stage).ThenBy(c => c.Clock.DueAt).First())
            .OrderByDescending(c => c.Stage)
            .ThenBy(c => c.Clock.DueAt)
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .ToList();
        if (worst.Count == 0)
        {
            return [];
        }

        var categories = await ReferenceDataCache.CategoriesAsync(cache, db, ct);
        var locations = await ReferenceDataCache.LocationsAsync(cache, db, ct);
        return
        [
            .. worst.Select(c => new SlaWarning(
                c.Clock.TicketId,
                c.Clock.Number,
                c.Clock.Status,
                c.Clock.Priority,
                categories.PathOf(c.Clock.CategoryId) ?? "未知类别",
                locations.PlaceOf(c.Clock.LocationId, c.Clock.LocationText),
                c.Clock.AssigneeId,
                c.Clock.Clock,
                c.Stage,
                c.Clock.DueAt,
                (int)Math.Floor((now - c.Clock.DueAt).TotalMinutes))),
        ];
    }
}
