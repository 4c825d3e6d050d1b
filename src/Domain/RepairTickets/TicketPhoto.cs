namespace WechatLogistics.Domain.RepairTickets;

/// <summary>
/// A photo attached to a report: the WeChat MediaId (chat uploads; temporary media expire after 3 days), a picture
/// URL (PicUrl from chat), and/or <see cref="StoreKey"/>, the key of a mini-program upload in the Bot's photo store.
/// </summary>
public sealed record TicketPhoto(string? MediaId, string? PicUrl, string? StoreKey = null)
{
    public const int MaxStoreKeyLength = 128;

    public bool HasContent =>
        !string.IsNullOrWhiteSpace(MediaId) || !string.IsNullOrWhiteSpace(PicUrl) || !string.IsNullOrWhiteSpace(StoreKey);
}
