using Mediator;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.EmergencyPlans;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>Starts the auto-start emergency plan of the incident named by the row (<see cref="StartPlanWhenIncidentOpened"/>).</summary>
public sealed class PlanAutoStartChannel(IServiceScopeFactory scopes) : CommandChannel(scopes)
{
    public override OutboxChannel Channel => OutboxChannel.PlanAutoStart;

    protected override string What => "plan auto-start";

    protected override async ValueTask RunAsync(ISender sender, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        foreach (var id in ids)
        {
            await sender.Send(new AutoStartEmergencyPlanCommand(id), ct);
        }
    }
}
