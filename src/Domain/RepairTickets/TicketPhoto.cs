namespace WechatLogistics.Domain.RepairTickets;

/// <summary>
/// A photo attached to a report: the WeChat MediaId (chat uploads; temporary media expire after 3 days)
/// and/or a picture URL (PicUrl from chat, or the mini-program's upload).
/// </summary>
public sealed record TicketPhoto(string? MediaId, string? PicUrl);
