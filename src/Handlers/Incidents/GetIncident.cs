using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Incidents;

public sealed record GetIncidentQuery(Guid Id) : IQuery<IncidentDetails>;

/// <summary>An incident with its reports in the order they came in.</summary>
public sealed class GetIncidentQueryHandler(IAppDbContext db) : IQueryHandler<GetIncidentQuery, IncidentDetails>
{
    public async ValueTask<IncidentDetails> Handle(GetIncidentQuery query, CancellationToken ct)
    {
        var incident = await IncidentViews.LoadAsync(db, query.Id, ct);
        var ids = incident.Tickets.Select(t => t.TicketId).ToList();
        var tickets = await db.RepairTickets.AsNoTracking()
            .Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Number, t.Status, t.LocationText })
            .ToDictionaryAsync(t => t.Id, ct);
        var summary = (await IncidentViews.SummariesAsync(db, [incident], ct))[0];
        return new IncidentDetails(
            summary,
            [
                .. incident.Tickets.OrderBy(t => t.ReportedAt).Where(t => tickets.ContainsKey(t.TicketId)).Select(t =>
                    new IncidentTicketView(t.TicketId, tickets[t.TicketId].Number.ToString(), tickets[t.TicketId].Status, tickets[t.TicketId].LocationText, t.ReportedAt)),
            ]);
    }
}
