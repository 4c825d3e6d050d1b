using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.WeChat;

/// <summary>
/// Remembers which pushes were delivered, so that each is processed exactly once. WeChat retries a push three times
/// when it gets no answer within 5 s; the first delivery claims the key, later ones read the outcome (the same reply,
/// or <c>success</c> when the answer went out later by another channel).
/// </summary>
public interface IDeliveryLedger
{
    /// <summary>
    /// Claims the delivery: <see cref="DeliveryClaim.Claimed"/> is true when this delivery is the first one and owns
    /// the processing, false for a retry. When <paramref name="session"/> is given, a store that can do so reads that
    /// user's session in the same round trip and returns it as <see cref="DeliveryClaim.Session"/>.
    /// </summary>
    ValueTask<DeliveryClaim> TryClaimAsync(string key, TimeSpan ttl, SessionAddress? session, CancellationToken ct);

    /// <summary>Records what the first delivery answered, for retries to reuse.</summary>
    ValueTask CompleteAsync(string key, DeliveryOutcome outcome, TimeSpan ttl, CancellationToken ct);

    /// <summary>
    /// Waits (at most <paramref name="maxWait"/>) for the first delivery's outcome; null when it is still running;
    /// <see cref="DeliveryOutcome.Abandoned"/> when the claim expired without an outcome — its owner died (an instance
    /// killed mid-message) — so the caller may claim the delivery itself.
    /// </summary>
    ValueTask<DeliveryOutcome?> WaitForOutcomeAsync(string key, TimeSpan maxWait, CancellationToken ct);
}

/// <param name="ReplyXml">The plaintext passive reply XML, or null when the answer was <c>success</c>.</param>
public sealed record DeliveryOutcome(string? ReplyXml)
{
    public static DeliveryOutcome Success { get; } = new((string?)null);

    /// <summary>The first delivery's claim lapsed with no outcome recorded: nobody is processing it any more.</summary>
    public static DeliveryOutcome Abandoned { get; } = new((string?)null);
}

/// <summary>
/// Whose session to read ahead while claiming; with <see cref="OpensContactWindow"/>, the claim also records the user's
/// message for the customer-service window (<see cref="IContactWindow"/>) in the same round trip.
/// </summary>
public sealed record SessionAddress(string Account, string UserId)
{
    /// <summary>True for a user's own message (not an event): it opens the 48-hour window (PROTOCOL §4.4).</summary>
    public bool OpensContactWindow { get; init; }
}

/// <param name="Session">The session read ahead, or null when the store did not read it (the engine loads it).</param>
public readonly record struct DeliveryClaim(bool Claimed, PreloadedSession? Session = null);
