using Mediator;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Incidents;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>Runs incident detection for the ticket named by the row (<see cref="DetectIncidentWhenRepairTicketOpened"/>).</summary>
public sealed class IncidentCheckChannel(IServiceScopeFactory scopes) : CommandChannel(scopes)
{
    public override OutboxChannel Channel => OutboxChannel.IncidentCheck;

    protected override string What => "incident detection";

    protected override async ValueTask RunAsync(ISender sender, Guid id, CancellationToken ct) =>
        await sender.Send(new DetectIncidentCommand(id), ct);
}
