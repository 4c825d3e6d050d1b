using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Outbox;

/// <summary>The registered <see cref="IDomainEventMapper"/>s by event type (a singleton; the context looks it up).</summary>
public sealed class DomainEventMappers(IEnumerable<IDomainEventMapper> mappers)
{
    private readonly ILookup<Type, IDomainEventMapper> _byType = mappers.ToLookup(m => m.EventType);

    public IEnumerable<IDomainEventMapper> For(Type eventType) => _byType[eventType];
}
