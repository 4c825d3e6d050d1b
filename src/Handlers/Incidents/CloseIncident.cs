using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Incidents;

/// <summary>Staff close an incident when the fault is fixed; a later burst opens a new one.</summary>
public sealed record CloseIncidentCommand(Guid Id, string ClosedBy) : ICommand<IncidentSummary>;

public sealed class CloseIncidentCommandHandler(IAppDbContext db, TimeProvider time) : ICommandHandler<CloseIncidentCommand, IncidentSummary>
{
    public async ValueTask<IncidentSummary> Handle(CloseIncidentCommand command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var incident = await IncidentViews.LoadAsync(db, command.Id, ct);
            incident.Close(command.ClosedBy, time.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(ct);
                return (await IncidentViews.SummariesAsync(db, [incident], ct))[0];
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A report was linked meanwhile: close the incident as it is now.
                db.ChangeTracker.Clear();
            }
        }
    }
}
