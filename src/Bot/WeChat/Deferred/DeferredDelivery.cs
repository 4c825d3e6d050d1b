using System.ComponentModel.DataAnnotations;
using WechatLogistics.Handlers.Conversations;

namespace WechatLogistics.Bot.WeChat.Deferred;

/// <summary>
/// A message the platform was told "received" (<c>success</c>) before its answer was ready. The row lives from that
/// moment until the answer is queued; a row whose lease lapses belonged to an instance that died, and another
/// instance replays the message from it. Nothing of it is logged: <see cref="Input"/> holds what the user wrote.
/// </summary>
public sealed class DeferredDelivery
{
    public const int MaxKeyLength = 200;
    public const int MaxReceiverLength = 32;

    /// <summary>The delivery's dedupe key (account + MsgId, or + user and CreateTime for events).</summary>
    public required string Key { get; init; }

    /// <summary>Which receiver replays it: the key its <see cref="IDeferredReplay"/> is registered under.</summary>
    public required string Receiver { get; init; }

    /// <summary>The <see cref="ChatInput"/> as JSON.</summary>
    public required string Input { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Until then the owner (or a replaying instance) is working on it; afterwards anyone may replay it.</summary>
    public DateTimeOffset LeaseUntil { get; set; }

    /// <summary>Replays started so far.</summary>
    public int Attempts { get; set; }
}

/// <summary>What a receiver needs to replay a delivery: its name and the message as the conversation engine saw it.</summary>
public sealed record DeferredReplay(string Receiver, ChatInput Input);

/// <summary>
/// Replays a journaled message whose first owner died before its answer was queued. Registered as a keyed service
/// under the receiver's name (<see cref="DeferredDelivery.Receiver"/>), resolved only when a replay is due.
/// </summary>
public interface IDeferredReplay
{
    /// <summary>Runs the message through the conversation engine again and queues its answer.</summary>
    Task ReplayAsync(ChatInput input, CancellationToken ct);
}

/// <summary>Section <c>Deliveries</c>: the journal of answers owed after a deadline was missed.</summary>
public sealed class DeferredDeliveryOptions
{
    public const string Section = "Deliveries";

    /// <summary>
    /// How long the owner has to queue the answer before another instance replays the message. Far longer than any
    /// piece of chat work, even on a saturated machine (a 10-minute soak at full load saw answers queued after more
    /// than 30 s), so only a dead owner's message is replayed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Deliveries:ReplayAfter must be between 5 seconds and 1 hour.")]
    public TimeSpan ReplayAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each instance looks for lapsed entries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Deliveries:ScanInterval must be between 100 ms and 10 minutes.")]
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Replays before a message is given up (logged as an error): a message that fails every time stops here.</summary>
    [Range(1, 20, ErrorMessage = "Deliveries:MaxReplays must be between 1 and 20.")]
    public int MaxReplays { get; set; } = 3;
}
