using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Incidents;

/// <summary>
/// Staff close an incident when the fault is fixed; a later burst opens a new one. With a running emergency plan, every
/// task must be done or skipped and <paramref name="Summary"/> is required; it goes on the timeline either way.
/// </summary>
public sealed record CloseIncidentCommand(Guid Id, string ClosedBy, string? Summary = null) : ICommand<IncidentSummary>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
        InputRules.Optional(nameof(Summary), Summary, Domain.EmergencyPlans.EmergencyPlan.MaxSummaryLength, "处置总结");
}

public sealed class CloseIncidentCommandHandler(IAppDbContext db, TimeProvider time) : ICommandHandler<CloseIncidentCommand, IncidentSummary>
{
    public async ValueTask<IncidentSummary> Handle(CloseIncidentCommand command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var incident = await IncidentViews.LoadAsync(db, command.Id, ct);
            incident.Close(command.ClosedBy, command.Summary, time.GetUtcNow());
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
