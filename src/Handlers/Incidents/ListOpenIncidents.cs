using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Incidents;

/// <summary>The open incidents, newest first (the admin page's banner).</summary>
public sealed record ListOpenIncidentsQuery : IQuery<IReadOnlyList<IncidentSummary>>;

public sealed class ListOpenIncidentsQueryHandler(IAppDbContext db) : IQueryHandler<ListOpenIncidentsQuery, IReadOnlyList<IncidentSummary>>
{
    public async ValueTask<IReadOnlyList<IncidentSummary>> Handle(ListOpenIncidentsQuery query, CancellationToken ct)
    {
        var open = await db.Incidents.AsNoTracking().Where(i => i.Status == IncidentStatus.Open).OrderByDescending(i => i.OpenedAt).ToListAsync(ct);
        return await IncidentViews.SummariesAsync(db, open, ct);
    }
}
