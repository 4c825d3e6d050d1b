using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Outbox;

/// <summary>
/// The dispatcher's SQL: claim due rows under a lease, renew a lease, write results. A claim is one statement on both
/// engines — PostgreSQL skips rows another instance has locked (<c>FOR UPDATE SKIP LOCKED</c>); SQLite has one writer,
/// and the UPDATE re-checks the conditions it selected by — so two dispatchers never hold the same row.
/// </summary>
/// <remarks>
/// A claimed row's next attempt moves to the end of its lease (and with every renewal): rows in hand — a digest of
/// thousands waiting for the robot's permit — leave the due range of the (Status, NextAttemptAt) index, so a claim
/// never reads past them, and a row whose owner died is due again exactly when its lease ends. A released row is due
/// at once.
/// </remarks>
public sealed class OutboxStore(IServiceScopeFactory scopes, TimeProvider time)
{
    private const int RecordChunk = 500;

    /// <summary>
    /// Leases up to <paramref name="max"/> due rows to <paramref name="owner"/> and reads them. It takes no cancellation:
    /// once the UPDATE has run, the rows are the caller's until their lease ends, so the read must not be abandoned.
    /// </summary>
    public async Task<List<OutboxMessage>> ClaimAsync(string owner, int max, TimeSpan lease)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow();
        object until = SqlValues.Time(db.Database, now + lease), at = SqlValues.Time(db.Database, now);
        var sql = db.Database.IsNpgsql()
            ? """
              UPDATE "OutboxMessages" AS o SET "LockedUntil" = {0}, "NextAttemptAt" = {0}, "LockOwner" = {1}
              FROM (SELECT "Id" FROM "OutboxMessages"
                    WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {2} AND ("LockedUntil" IS NULL OR "LockedUntil" <= {2})
                    ORDER BY "NextAttemptAt" LIMIT {3} FOR UPDATE SKIP LOCKED) AS due
              WHERE o."Id" = due."Id"
              RETURNING o."Id" AS "Value"
              """
            : """
              UPDATE "OutboxMessages" SET "LockedUntil" = {0}, "NextAttemptAt" = {0}, "LockOwner" = {1}
              WHERE "Id" IN (SELECT "Id" FROM "OutboxMessages"
                             WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {2} AND ("LockedUntil" IS NULL OR "LockedUntil" <= {2})
                             ORDER BY "NextAttemptAt" LIMIT {3})
                AND "Status" = 'Pending' AND ("LockedUntil" IS NULL OR "LockedUntil" <= {2})
              RETURNING "Id" AS "Value"
              """;
        var ids = await db.Database.SqlQueryRaw<Guid>(sql, until, owner, at, max).ToListAsync(CancellationToken.None);
        if (ids.Count == 0)
        {
            return [];
        }

        // The claim took the earliest due; in hand they go in the order they were queued.
        return await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(CancellationToken.None);
    }

    /// <summary>Extends the lease of rows waiting long (for a permit, a slot); returns those that are still this owner's.</summary>
    public async Task<IReadOnlySet<Guid>> RenewAsync(IReadOnlyCollection<Guid> ids, string owner, TimeSpan lease)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var until = time.GetUtcNow() + lease;
        var kept = new HashSet<Guid>();
        foreach (var chunk in ids.Chunk(RecordChunk))
        {
            var mine = db.OutboxMessages.Where(m => chunk.Contains(m.Id) && m.LockOwner == owner && m.Status == OutboxStatus.Pending);
            if (await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until).SetProperty(m => m.NextAttemptAt, until), CancellationToken.None) == chunk.Length)
            {
                kept.UnionWith(chunk);
            }
            else
            {
                kept.UnionWith(await mine.Select(m => m.Id).ToListAsync(CancellationToken.None));
            }
        }

        return kept;
    }

    /// <summary>Writes a batch of results in one transaction; only rows this owner still holds are changed.</summary>
    public async Task RecordAsync(IReadOnlyList<OutboxResult> results, string owner, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var mine = db.OutboxMessages.Where(m => m.LockOwner == owner);

        // The common case in one statement per channel: sent.
        foreach (var group in results.Where(r => r.Status == OutboxStatus.Sent).GroupBy(r => r.Channel))
        {
            foreach (var chunk in group.Select(r => r.Id).Chunk(RecordChunk))
            {
                await mine.Where(m => chunk.Contains(m.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sent)
                    .SetProperty(m => m.Channel, group.Key)
                    .SetProperty(m => m.SentAt, now)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastErrorCode, (int?)null)
                    .SetProperty(m => m.Reason, (string?)null)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LockOwner, (string?)null), ct);
            }
        }

        foreach (var released in results.Where(r => r.Released).Select(r => r.Id).Chunk(RecordChunk))
        {
            await mine.Where(m => released.Contains(m.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LockOwner, (string?)null), ct);
        }

        foreach (var result in results.Where(r => r.Status != OutboxStatus.Sent && !r.Released))
        {
            var reason = result.Reason is { Length: > OutboxMessage.MaxReasonLength } tooLong ? tooLong[..OutboxMessage.MaxReasonLength] : result.Reason;
            await mine.Where(m => m.Id == result.Id).ExecuteUpdateAsync(
                s =>
                {
                    s.SetProperty(m => m.Status, result.Status)
                        .SetProperty(m => m.Channel, result.Channel)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.LastErrorCode, result.ErrorCode)
                        .SetProperty(m => m.Reason, reason)
                        .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                        .SetProperty(m => m.LockOwner, (string?)null);
                    if (result.Status == OutboxStatus.Pending)
                    {
                        s.SetProperty(m => m.NextAttemptAt, result.NextAttemptAt ?? now);
                    }
                },
                ct);
        }

        await transaction.CommitAsync(ct);
    }
}
