namespace WechatLogistics.Bot.Outbox;

/// <summary>
/// A send limit kept for all instances together: the group robot's 20 messages a minute (PROTOCOL §5.5) and a WeCom
/// member's 30 are the platform's, not one instance's, so two instances keeping them each would send twice as many and
/// be refused (45009). Registered only with Redis; a single instance keeps its limits in process.
/// </summary>
public interface ISharedRateWindow
{
    /// <summary>
    /// Takes <paramref name="place"/> in the partition's window when fewer than <paramref name="limit"/> sends were
    /// made in the last <paramref name="window"/>, and returns zero; otherwise takes nothing and returns how long until
    /// one leaves it.
    /// </summary>
    ValueTask<TimeSpan> TryTakeAsync(string partition, string place, int limit, TimeSpan window);

    /// <summary>
    /// Moves a taken place to now, when its send has been answered: the platform counts a send when it arrives, which
    /// may be long after the place was taken (a slot to wait for, a slow network), never after it was answered.
    /// </summary>
    ValueTask SentAsync(string partition, string place, TimeSpan window);
}
