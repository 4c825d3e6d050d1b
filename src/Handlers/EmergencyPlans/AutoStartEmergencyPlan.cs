using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Incidents;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.EmergencyPlans;

/// <summary>
/// With <c>Plans:AutoStart</c> on, a new incident queues the start of its plan in its own transaction; the outbox runs
/// <see cref="AutoStartEmergencyPlanCommand"/> after the incident committed.
/// </summary>
public sealed class StartPlanWhenIncidentOpened(IOptionsMonitor<PlanOptions> options) : DomainEventMapper<IncidentOpened>
{
    public const string Recipient = "plans";

    protected override ValueTask<IReadOnlyList<OutboxItem>> MapAsync(IncidentOpened opened, IAppDbContext db, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<OutboxItem>>(options.CurrentValue.AutoStart
            ? [new OutboxItem(OutboxChannel.PlanAutoStart, Recipient, "plan-autostart:" + opened.IncidentId.ToString("N"), new OutboxContent { Text = opened.IncidentId.ToString("N") })]
            : []);
}

/// <returns>True when a plan was started; false when there was nothing to start (off, closed, started, no auto-start template).</returns>
public sealed record AutoStartEmergencyPlanCommand(Guid IncidentId) : ICommand<bool>;

/// <summary>Starts the incident's trade's active template marked auto-start, as <c>system</c>; anything else is a no-op.</summary>
public sealed class AutoStartEmergencyPlanCommandHandler(IAppDbContext db, ISender sender, IOptionsMonitor<PlanOptions> options)
    : ICommandHandler<AutoStartEmergencyPlanCommand, bool>
{
    public async ValueTask<bool> Handle(AutoStartEmergencyPlanCommand command, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().Where(i => i.Id == command.IncidentId)
            .Select(i => new { i.Status, i.CategoryId, Started = i.Plan != null }).SingleOrDefaultAsync(ct);
        if (!options.CurrentValue.AutoStart || incident is null || incident.Status != IncidentStatus.Open || incident.Started)
        {
            return false;
        }

        var template = await db.PlanTemplates.AsNoTracking()
            .Where(t => t.IsActive && t.AutoStart && t.CategoryId == incident.CategoryId)
            .OrderBy(t => t.Code).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        if (template is null)
        {
            return false;
        }

        try
        {
            await sender.Send(new StartEmergencyPlanCommand(command.IncidentId, Incident.SystemActor, template, null, Automatic: true), ct);
            return true;
        }
        catch (DomainException ex) when (ex.Code is "plan.already_started" or "incident.closed")
        {
            // Staff were faster: their plan stands.
            return false;
        }
    }
}
