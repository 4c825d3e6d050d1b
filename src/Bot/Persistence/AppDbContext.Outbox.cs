using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using WechatLogistics.Bot.Outbox;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Persistence;

/// <summary>
/// The unit of work's outbox side: domain events become outbox rows in the same save (one transaction), and an item
/// enqueued twice (same recipient and message key) is stored once.
/// </summary>
public abstract partial class AppDbContext
{
    private const int KeyCheckChunk = 500;

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>Answers owed after a missed reply deadline (<see cref="WeChat.Deferred.DeferredDeliveryJournal"/>).</summary>
    public DbSet<WeChat.Deferred.DeferredDelivery> DeferredDeliveries => Set<WeChat.Deferred.DeferredDelivery>();

    /// <summary>Mappers for contexts made outside DI (tests, tools); in the host they come from the services.</summary>
    public DomainEventMappers? Mappers { get; set; }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Detect once: the steps below only read the tracked entities and Add rows explicitly, so the scans they make
        // (and the base save) need not detect again — with a 30 000-row fan-out that is most of the save's CPU.
        ChangeTracker.DetectChanges();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        bool addsOutboxRows;
        int saved;
        try
        {
            await TranslateDomainEventsAsync(cancellationToken);
            addsOutboxRows = await DropKnownOutboxKeysAsync(cancellationToken);
            try
            {
                saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (DbUpdateException) when (addsOutboxRows)
            {
                // A concurrent save may have stored one of our keys between the check and the insert: drop it, save once more.
                if (!await DropKnownOutboxKeysAsync(cancellationToken, afterConflict: true))
                {
                    throw;
                }

                saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        if (addsOutboxRows)
        {
            AppService<OutboxSignal>()?.Notify();
        }

        return saved;
    }

    /// <summary>Adds a pending row for <paramref name="item"/> to this unit of work.</summary>
    public OutboxMessage AddOutboxItem(OutboxItem item, DateTimeOffset now)
    {
        var row = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Channel = item.Channel,
            Recipient = item.Recipient,
            IdempotencyKey = OutboxMessage.KeyOf(item.Recipient, item.MessageKey),
            Payload = OutboxJsonContext.Serialize(item.Content),
            Status = OutboxStatus.Pending,
            NextAttemptAt = item.NotBefore is { } notBefore && notBefore > now ? notBefore : now,
            CorrelationId = item.CorrelationId,
            CreatedAt = now,
        };
        OutboxMessages.Add(row);
        return row;
    }

    private async Task TranslateDomainEventsAsync(CancellationToken ct)
    {
        var mappers = Mappers ?? AppService<DomainEventMappers>();
        if (mappers is null)
        {
            return;
        }

        var raising = ChangeTracker.Entries<Entity>().Where(e => e.Entity.DomainEvents.Count > 0).Select(e => e.Entity).ToList();
        if (raising.Count == 0)
        {
            return;
        }

        var now = (AppService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        foreach (var entity in raising)
        {
            var events = entity.DomainEvents.ToList();
            entity.ClearDomainEvents();
            foreach (var domainEvent in events)
            {
                foreach (var mapper in mappers.For(domainEvent.GetType()))
                {
                    foreach (var item in await mapper.MapAsync(domainEvent, this, ct))
                    {
                        AddOutboxItem(item, now);
                    }
                }
            }
        }
    }

    /// <returns>True when rows remain to be added (after a conflict: when a duplicate was dropped, so a retry can succeed).</returns>
    private async Task<bool> DropKnownOutboxKeysAsync(CancellationToken ct, bool afterConflict = false)
    {
        var added = ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count == 0)
        {
            return false;
        }

        var dropped = 0;
        var byKey = new Dictionary<string, Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<OutboxMessage>>(StringComparer.Ordinal);
        foreach (var entry in added)
        {
            if (!byKey.TryAdd(entry.Entity.IdempotencyKey, entry))
            {
                entry.State = EntityState.Detached;
                dropped++;
            }
        }

        foreach (var chunk in byKey.Keys.Chunk(KeyCheckChunk))
        {
            var known = await OutboxMessages.AsNoTracking().Where(m => chunk.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct);
            foreach (var key in known)
            {
                byKey[key].State = EntityState.Detached;
                dropped++;
            }
        }

        return afterConflict ? dropped > 0 : added.Count > dropped;
    }

    // Pooled contexts are built from the root provider: singletons only (mappers, the signal, the clock).
    private T? AppService<T>()
        where T : class =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService(typeof(T)) as T;
}
