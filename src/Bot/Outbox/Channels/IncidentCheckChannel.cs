using Mediator;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Incidents;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>
/// Runs incident detection for the ticket named by the row (<see cref="DetectIncidentWhenRepairTicketOpened"/>): the outbox
/// gives it what a message gets — it runs after the ticket committed, survives restarts, and is retried on failure.
/// </summary>
public sealed class IncidentCheckChannel(IServiceScopeFactory scopes) : IOutboxChannel
{
    public OutboxChannel Channel => OutboxChannel.IncidentCheck;

    public IReadOnlyList<RateLimitKey> RateLimitKeys(OutboxMessage message, OutboxContent content) => [];

    public async Task<SendOutcome> SendAsync(OutboxMessage message, OutboxContent content, CancellationToken ct)
    {
        if (!Guid.TryParse(content.Text, out var ticketId))
        {
            return new SendOutcome.Skip("not a ticket id");
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DetectIncidentCommand(ticketId), ct);
            return SendOutcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new SendOutcome.Transient(null, "incident detection failed: " + ex.GetType().Name);
        }
    }
}
