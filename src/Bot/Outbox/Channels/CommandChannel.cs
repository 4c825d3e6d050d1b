using Mediator;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>
/// Not a message: a command for the id in the row's text, run in its own scope. The outbox gives it what a message gets —
/// it runs after the transaction that queued it committed, survives restarts, and is retried on failure. A channel
/// whose command takes many ids at once (<see cref="CombineAtMost"/> above 1) gets the rows that queued together as one
/// run: their ids, comma-separated, in one text.
/// </summary>
public abstract class CommandChannel(IServiceScopeFactory scopes) : IOutboxChannel
{
    public abstract OutboxChannel Channel { get; }

    /// <summary>What runs, for the outcome's reason ("incident detection").</summary>
    protected abstract string What { get; }

    public IReadOnlyList<RateLimitKey> RateLimitKeys(OutboxMessage message, OutboxContent content) => [];

    public virtual int CombineAtMost => 1;

    public virtual bool OneAtATime => false;

    public OutboxContent Combine(IReadOnlyList<OutboxContent> contents) => new() { Text = string.Join(',', contents.Select(c => c.Text)) };

    public async Task<SendOutcome> SendAsync(OutboxMessage message, OutboxContent content, CancellationToken ct)
    {
        var ids = new List<Guid>();
        foreach (var text in (content.Text ?? "").Split(','))
        {
            if (Guid.TryParse(text, out var id))
            {
                ids.Add(id);
            }
        }

        if (ids.Count == 0)
        {
            return new SendOutcome.Skip("not an id");
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await RunAsync(scope.ServiceProvider.GetRequiredService<ISender>(), ids, ct);
            return SendOutcome.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new SendOutcome.Transient(null, What + " failed: " + ex.GetType().Name);
        }
    }

    /// <param name="ids">One id, or those of the rows combined (at most <see cref="CombineAtMost"/>).</param>
    protected abstract ValueTask RunAsync(ISender sender, IReadOnlyList<Guid> ids, CancellationToken ct);
}
