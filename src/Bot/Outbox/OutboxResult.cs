using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Bot.Outbox;

/// <summary>How one claimed row ended this turn; written back by <see cref="OutboxStore.RecordAsync"/>.</summary>
public sealed record OutboxResult(Guid Id, OutboxChannel Channel, OutboxStatus Status)
{
    /// <summary>True when the row was not tried (shutdown before its turn): only the lease is released.</summary>
    public bool Released { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public int? ErrorCode { get; init; }

    public string? Reason { get; init; }

    public static OutboxResult Release(OutboxMessage row) => new(row.Id, row.Channel, OutboxStatus.Pending) { Released = true };
}
