using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Bot.Persistence;
using WechatLogistics.Wechat.Messages;

namespace WechatLogistics.Bot.WeChat.Audience;

/// <summary>
/// Keeps the Followers table (the "everyone" audience) without a database write per message: a user already stored by
/// this process costs one dictionary lookup; the first message of an unknown user, and every follow/unfollow, go into a
/// queue that is written in batches with insert-or-ignore/upsert statements, off the webhook's hot path.
/// </summary>
public sealed partial class FollowerTracker(
    IServiceScopeFactory scopes, TimeProvider time, UnionIdResolver unionIds, ILogger<FollowerTracker> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(200);

    // Same SQL on both engines (upsert: SQLite 3.24+, PostgreSQL 9.5+). Users first seen go in one statement per run
    // of them (a storm's new users were one statement each: the database's single largest cost after the tickets).
    private const int SeenPerStatement = 200;

    private const string Upsert = """
        INSERT INTO "Followers" ("OpenId", "FirstSeenAt", "IsFollowing", "UnfollowedAt") VALUES ({0}, {1}, {2}, {3})
        ON CONFLICT ("OpenId") DO UPDATE SET "IsFollowing" = excluded."IsFollowing", "UnfollowedAt" = excluded."UnfollowedAt"
        """;

    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);
    private readonly Channel<Change> _queue = Channel.CreateBounded<Change>(
        new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private enum Kind
    {
        Seen,
        Followed,
        Unfollowed,
    }

    /// <summary>Called for every first delivery; never waits for the database.</summary>
    public void Observe(InboundMessage message)
    {
        var user = message.FromUserName;
        switch (message)
        {
            case SubscribeEvent:
                _known[user] = 0;
                _queue.Writer.TryWrite(new Change(user, Kind.Followed, time.GetUtcNow()));
                break;
            case UnsubscribeEvent:
                _known[user] = 0;
                _queue.Writer.TryWrite(new Change(user, Kind.Unfollowed, time.GetUtcNow()));
                break;
            default:
                if (_known.TryAdd(user, 0) && !_queue.Writer.TryWrite(new Change(user, Kind.Seen, time.GetUtcNow())))
                {
                    _known.TryRemove(user, out _);
                }

                break;
        }
    }

    /// <summary>Waits until everything observed so far is stored, and its UnionIds looked up (tests, shutdown).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        while (_queue.Reader.Count > 0 || Volatile.Read(ref _writing) > 0)
        {
            await Task.Delay(20, ct);
        }

        await unionIds.FlushAsync(ct);
    }

    private int _writing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Change>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                Interlocked.Increment(ref _writing);
                try
                {
                    await Task.Delay(FlushEvery, stoppingToken);
                    while (batch.Count < BatchSize && _queue.Reader.TryRead(out var change))
                    {
                        batch.Add(change);
                    }

                    await WriteAsync(batch, CancellationToken.None);
                    batch.Clear();
                }
                finally
                {
                    Interlocked.Decrement(ref _writing);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (batch.Count < BatchSize * 10 && _queue.Reader.TryRead(out var change))
            {
                batch.Add(change);
            }

            await WriteAsync(batch, CancellationToken.None);
        }
    }

    private async Task WriteAsync(List<Change> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // In OpenId order (stable: one user's changes keep theirs): two instances writing overlapping batches then
            // take the rows' locks in the same order. In arrival order they deadlocked under the report storm (40P01).
            var seen = new List<Change>(SeenPerStatement);
            foreach (var change in batch.OrderBy(c => c.OpenId, StringComparer.Ordinal))
            {
                if (change.Kind == Kind.Seen)
                {
                    seen.Add(change);
                    if (seen.Count == SeenPerStatement)
                    {
                        await InsertIfUnknownAsync(db, seen, ct);
                    }

                    continue;
                }

                await InsertIfUnknownAsync(db, seen, ct);
                var at = SqlValues.Time(db.Database, change.At);
                object? unfollowedAt = change.Kind == Kind.Unfollowed ? at : null;
                await db.Database.ExecuteSqlRawAsync(Upsert, [change.OpenId, at, change.Kind != Kind.Unfollowed, unfollowedAt!], ct);
            }

            await InsertIfUnknownAsync(db, seen, ct);

            await transaction.CommitAsync(ct);
            // Stored users are new to this process: learn who they are across apps (once each; no-op without a mini-program).
            foreach (var change in batch.Where(c => c.Kind != Kind.Unfollowed))
            {
                unionIds.Enqueue(change.OpenId);
            }
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Forget them as known: their next message queues them again.
            foreach (var change in batch)
            {
                _known.TryRemove(change.OpenId, out _);
            }

            LogWriteFailed(logger, batch.Count, ex);
        }
    }

    /// <summary>Stores the users of <paramref name="seen"/> (in their order) unless known, in one statement; empties it.</summary>
    private static async Task InsertIfUnknownAsync(AppDbContext db, List<Change> seen, CancellationToken ct)
    {
        if (seen.Count == 0)
        {
            return;
        }

        var values = new List<object>(seen.Count * 2 + 1) { true };
        var rows = new List<string>(seen.Count);
        foreach (var change in seen)
        {
            rows.Add($"({{{values.Count}}}, {{{values.Count + 1}}}, {{0}}, NULL)");
            values.Add(change.OpenId);
            values.Add(SqlValues.Time(db.Database, change.At));
        }

        seen.Clear();
        // The placeholders are numbered here, the values are parameters.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync(
            $"""
            INSERT INTO "Followers" ("OpenId", "FirstSeenAt", "IsFollowing", "UnfollowedAt") VALUES {string.Join(", ", rows)}
            ON CONFLICT ("OpenId") DO NOTHING
            """,
            values,
            ct);
#pragma warning restore EF1002
    }

    private sealed record Change(string OpenId, Kind Kind, DateTimeOffset At);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store {Count} follower changes; they are retried at the users' next messages")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}
