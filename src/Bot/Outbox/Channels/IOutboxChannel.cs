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

    /// <summary>
    /// How many rows for one recipient may go out as one message (<see cref="Combine"/>): above 1, the dispatcher sends
    /// the recipient's rows claimed together, and those that queued for it while they waited for the permit, as one,
    /// so a storm outrunning a rate limit becomes a few digests instead of hours of single messages.
    /// </summary>
    int CombineAtMost => 1;

    /// <summary>
    /// Whether this row may be combined, and with which others: rows with the same key (and channel) may go together;
    /// null: always alone. Called only when <see cref="CombineAtMost"/> is above 1. By default, per recipient.
    /// </summary>
    string? CombineKey(OutboxMessage message, OutboxContent content) => message.Recipient;

    /// <summary>
    /// Whether a route's digests go one at a time (only when <see cref="CombineAtMost"/> is above 1): the next gathers
    /// the route's rows while one runs, so work that takes one writer at a time anyway (incident checks, behind their
    /// building's incident row) runs in a few large batches instead of many small ones queueing for a lock.
    /// </summary>
    bool OneAtATime => false;

    /// <summary>One message for several rows to the same recipient, in their order; every row is accounted for in it.</summary>
    OutboxContent Combine(IReadOnlyList<OutboxContent> contents) => throw new NotSupportedException($"{Channel} does not combine messages.");
}

/// <summary>A rate-limit partition: the kind of limit and whose it is.</summary>
public readonly record struct RateLimitKey(RateLimitKind Kind, string Partition);

public enum RateLimitKind
{
    OfficialAccount,
    Robot,
    WeComMember,
}
