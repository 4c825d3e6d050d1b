using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Outbox;

public static class OutboxQueueing
{
    /// <summary>
    /// Queues one message in a unit of work of its own, for work that finishes outside any request (an answer that
    /// missed the passive-reply deadline): it is sent by the dispatcher, with its retries, like every other message.
    /// </summary>
    public static async Task QueueAsync(this IServiceScopeFactory scopes, OutboxItem item, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(item);
        await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync(ct);
    }
}
