namespace WechatLogistics.Domain.Common;

/// <summary>
/// Base of every entity: a domain-generated <see cref="Guid"/> id (version 7, so ids sort by creation time
/// and index well) and the domain events raised since the last save.
/// </summary>
/// <remarks>
/// <see cref="DomainEvents"/> is not persisted: the EF model must <c>Ignore</c> it (as eShop does), and the
/// unit of work clears it after dispatching the events into the outbox.
/// </remarks>
public abstract class Entity
{
    private readonly List<object> _domainEvents = [];

    protected Entity(Guid id) => Id = id;

    // For EF Core materialization.
    protected Entity()
    {
    }

    public Guid Id { get; private set; }

    public IReadOnlyList<object> DomainEvents => _domainEvents;

    public void ClearDomainEvents() => _domainEvents.Clear();

    protected void Raise(object domainEvent) => _domainEvents.Add(domainEvent);
}
