namespace WechatLogistics.Bot.WeChat;

/// <summary>
/// The customer-service window (PROTOCOL §4.4): after a user's own message the account may write to that user for
/// 48 hours. The delivery ledger records each user's last message in the same round trip as the claim (the webhook's
/// hot path pays nothing extra); the outbox asks here before choosing customer service.
/// </summary>
public interface IContactWindow
{
    /// <summary>Recorded by the ledger for every first delivery of a user's message; exposed for tools and tests.</summary>
    ValueTask RecordAsync(string account, string userId, CancellationToken ct);

    ValueTask<bool> IsOpenAsync(string account, string userId, CancellationToken ct);
}

public static class ContactWindowRules
{
    /// <summary>48 hours, less a margin so a message sent at the edge does not meet 45015 (it would fall back anyway).</summary>
    public static readonly TimeSpan Length = TimeSpan.FromHours(48) - TimeSpan.FromMinutes(5);

    /// <summary>
    /// A chatting user's window is rewritten at most this often by one instance: it may then close up to this much
    /// early, never late, and a conversation costs Redis one write in ten minutes instead of one a message.
    /// </summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(10);
}
