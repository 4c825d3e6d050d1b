namespace WechatLogistics.Bot.Persistence;

/// <summary>
/// One row per campus day: the last repair-ticket sequence handed out that day. Written only by
/// <see cref="AppDbContext.NextTicketSequenceAsync"/>'s upsert, never through the change tracker.
/// </summary>
internal sealed class TicketNumberSequence
{
    public DateOnly Day { get; private set; }

    public int LastValue { get; private set; }
}
