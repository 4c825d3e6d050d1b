using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Outbox.Channels;

/// <summary>One way of delivering an outbox row. Implementations never throw for a delivery failure: they classify it.</summary>
public interface IOutboxChannel
{
    OutboxChannel Channel { get; }

    /// <summary>
    /// The rate-limit partitions this send counts against (a robot key, each WeCom member, the account); empty when
    /// the channel has no limit.
    /// </summary>
    IReadOnlyList<RateLimitKey> RateLimitKeys(OutboxMessage message, OutboxContent content);

    /// <summary>Sends once. Called with no cancellation: a send that started is finished and recorded.</summary>
    Task<SendOutcome> SendAsync(OutboxMessage message, OutboxContent content, CancellationToken ct);
}

/// <summary>A rate-limit partition: the kind of limit and whose it is.</summary>
public readonly record struct RateLimitKey(RateLimitKind Kind, string Partition);

public enum RateLimitKind
{
    OfficialAccount,
    Robot,
    WeComMember,
}
