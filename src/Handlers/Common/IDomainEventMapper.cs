namespace WechatLogistics.Handlers.Common;

/// <summary>
/// Turns a domain event into the messages it causes. The database context runs every registered mapper on the
/// events of the entities it saves and stores their items in the same transaction (so every handler gets
/// notifications for free, atomically). Mappers are singletons; they may read through <paramref name="db"/>.
/// </summary>
public interface IDomainEventMapper
{
    Type EventType { get; }

    ValueTask<IReadOnlyList<OutboxItem>> MapAsync(object domainEvent, IAppDbContext db, CancellationToken ct);
}

/// <summary>A mapper for one event type, named after its effect (<c>NotifyMaintainersWhenRepairTicketOpened</c>).</summary>
public abstract class DomainEventMapper<TEvent> : IDomainEventMapper
{
    public Type EventType => typeof(TEvent);

    public ValueTask<IReadOnlyList<OutboxItem>> MapAsync(object domainEvent, IAppDbContext db, CancellationToken ct) =>
        MapAsync((TEvent)domainEvent, db, ct);

    protected abstract ValueTask<IReadOnlyList<OutboxItem>> MapAsync(TEvent domainEvent, IAppDbContext db, CancellationToken ct);
}
