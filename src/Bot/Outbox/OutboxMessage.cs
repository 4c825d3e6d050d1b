using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Outbox;

/// <summary>
/// One message to deliver, stored in the same transaction as the change that caused it. The dispatcher claims due rows
/// with a lease (<see cref="LockedUntil"/>, <see cref="LockOwner"/>) so several instances never send the same row, and
/// ends each in Sent, Skipped (with a reason) or Dead (with the last errcode).
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxRecipientLength = 128;
    public const int MaxIdempotencyKeyLength = 256;
    public const int MaxOwnerLength = 64;
    public const int MaxReasonLength = 200;

    public Guid Id { get; set; }

    /// <summary>The channel to try next; after a delivery, the channel that delivered (or last failed).</summary>
    public OutboxChannel Channel { get; set; }

    public string Recipient { get; set; } = null!;

    /// <summary>Recipient + message key: a second enqueue of the same key is ignored (unique).</summary>
    public string IdempotencyKey { get; set; } = null!;

    /// <summary><see cref="OutboxContent"/> as JSON.</summary>
    public string Payload { get; set; } = null!;

    public OutboxStatus Status { get; set; }

    /// <summary>Sends tried so far (the successful one included).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The claim's lease: another dispatcher may take the row once it has passed (a crashed instance).</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public string? LockOwner { get; set; }

    public int? LastErrorCode { get; set; }

    /// <summary>Why it was skipped or died, or what the last failure was.</summary>
    public string? Reason { get; set; }

    public Guid? CorrelationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public static string KeyOf(string recipient, string messageKey)
    {
        var key = recipient + "|" + messageKey;
        return key.Length <= MaxIdempotencyKeyLength
            ? key
            : throw new ArgumentException($"Recipient and message key together exceed {MaxIdempotencyKeyLength} characters.", nameof(messageKey));
    }
}
