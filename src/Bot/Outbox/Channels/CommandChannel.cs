using Mediator;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>
/// Not a message: a command for the id in the row's text, run in its own scope. The outbox gives it what a message gets —
/// it runs after the transaction that queued it committed, survives restarts, and is retried on failure.
/// </summary>
public abstract class CommandChannel(IServiceScopeFactory scopes) : IOutboxChannel
{
    public abstract OutboxChannel Channel { get; }

    /// <summary>What runs, for the outcome's reason ("incident detection").</summary>
    protected abstract string What { get; }

    public IReadOnlyList<RateLimitKey> RateLimitKeys(OutboxMessage message, OutboxContent content) => [];

    public async Task<SendOutcome> SendAsync(OutboxMessage message, OutboxContent content, CancellationToken ct)
    {
        if (!Guid.TryParse(content.Text, out var id))
        {
            return new SendOutcome.Skip("not an id");
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await RunAsync(scope.ServiceProvider.GetRequiredService<ISender>(), id, ct);
            return SendOutcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new SendOutcome.Transient(null, What + " failed: " + ex.GetType().Name);
        }
    }

    protected abstract ValueTask RunAsync(ISender sender, Guid id, CancellationToken ct);
}
