using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.WeChat.Deferred;

/// <summary>
/// The journal of answers owed (<see cref="DeferredDelivery"/>) in the application database, shared by every
/// instance: recorded just before the platform is told "received", settled when the answer is queued, claimed by one
/// instance at a time once its lease lapses.
/// </summary>
public sealed partial class DeferredDeliveryJournal(
    IServiceScopeFactory scopes, IOptions<DeferredDeliveryOptions> options, TimeProvider time, ILogger<DeferredDeliveryJournal> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Writes the entry, without a limit of its own (the database's command timeout bounds it): the caller stops waiting
    /// for it when the platform's answer is due, and settles the entry only after this task ends, so a slow write can
    /// never land after its answer was settled and be replayed later.
    /// </summary>
    /// <returns>False when it could not be recorded (database unreachable): the answer is then owed unjournaled.</returns>
    public async Task<bool> RecordAsync(string key, DeferredReplay replay)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = time.GetUtcNow();
            db.DeferredDeliveries.Add(new DeferredDelivery
            {
                Key = key,
                Receiver = replay.Receiver,
                Input = JsonSerializer.Serialize(replay.Input, Json),
                CreatedAt = now,
                LeaseUntil = now + options.Value.ReplayAfter,
            });
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (Exception ex)
        {
            LogNotRecorded(logger, ex.GetType().Name);
            return false;
        }
    }

    /// <summary>The answer is queued: nothing is owed any more.</summary>
    public async Task SettleAsync(string key, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().DeferredDeliveries.Where(d => d.Key == key).ExecuteDeleteAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The entry stays and is replayed after its lease: the user may get the answer twice, never not at all.
            LogNotSettled(logger, ex.GetType().Name);
        }
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> entries whose lease lapsed: each is renewed for this instance and counted as
    /// one more replay, with a conditional update only one instance can win.
    /// </summary>
    public async Task<IReadOnlyList<DeferredDelivery>> ClaimLapsedAsync(int max, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow();
        var lapsed = await db.DeferredDeliveries.AsNoTracking().Where(d => d.LeaseUntil <= now).OrderBy(d => d.LeaseUntil).Take(max).ToListAsync(ct);
        var claimed = new List<DeferredDelivery>();
        foreach (var entry in lapsed)
        {
            var until = now + options.Value.ReplayAfter;
            var won = await db.DeferredDeliveries
                .Where(d => d.Key == entry.Key && d.LeaseUntil == entry.LeaseUntil)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeaseUntil, until).SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
            if (won == 1)
            {
                entry.LeaseUntil = until;
                entry.Attempts++;
                claimed.Add(entry);
            }
        }

        return claimed;
    }

    /// <summary>The message of an entry; null when the stored JSON is not a message (it can never be replayed).</summary>
    public static ChatInput? InputOf(DeferredDelivery entry)
    {
        try
        {
            return JsonSerializer.Deserialize<ChatInput>(entry.Input, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A deferred answer could not be journaled ({Error}): it is lost if this instance stops before sending it")]
    private static partial void LogNotRecorded(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sent deferred answer could not be cleared from the journal ({Error}): it will be replayed")]
    private static partial void LogNotSettled(ILogger logger, string error);
}
