using Microsoft.Extensions.Primitives;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.RepairTickets;

namespace WechatLogistics.Bot.MiniProgram.Endpoints;

/// <summary>
/// A new report: JSON, or <c>multipart/form-data</c> with the same fields plus up to three files named <c>photos</c>.
/// </summary>
/// <param name="AssetCode">The asset the report is about (typed, or read from its QR code): it supplies the place.</param>
public sealed record MiniTicketRequest(Guid CategoryId, Guid? LocationId, string? LocationText, string? Description, string? AssetCode = null)
{
    /// <exception cref="ValidationException">An id that is not a GUID.</exception>
    public static MiniTicketRequest FromForm(IFormCollection form) => new(
        Id(form, "categoryId") ?? Guid.Empty, Id(form, "locationId"), Text(form["locationText"]), Text(form["description"]), Text(form["assetCode"]));

    public OpenRepairTicketCommand ToCommand(string openId, IReadOnlyList<TicketPhoto> photos, string key) =>
        new(openId, CategoryId, LocationId, LocationText, Description ?? "", photos, Priority: null, key, AssetCode);

    private static Guid? Id(IFormCollection form, string field) =>
        Text(form[field]) is not { } text ? null
            : Guid.TryParse(text, out var id) ? id
            : throw new ValidationException([new ValidationError(field, "编号格式不正确，请重新选择。")]);

    private static string? Text(StringValues value) => value.Count == 0 ? null : value.ToString();
}

/// <summary>What a create answers, the first time (201) and for a retry with the same key (200): the same body.</summary>
public sealed record MiniTicketCreated(
    Guid Id, string Number, Priority Priority, DateTimeOffset OpenedAt, DateTimeOffset ResponseDueAt, DateTimeOffset ResolveDueAt)
{
    public static MiniTicketCreated From(OpenRepairTicketResult r) => new(r.TicketId, r.Number, r.Priority, r.OpenedAt, r.ResponseDueAt, r.ResolveDueAt);
}

public sealed record MiniCancelTicketRequest(string? Reason);

public sealed record MiniConfirmTicketRequest(int Rating, string? Comment);

public sealed record MiniReopenTicketRequest(string? Reason);

/// <summary>A ticket as the mini-program shows it: each photo's <c>picUrl</c> is a URL it can load with its token.</summary>
public static class MiniTicketDetails
{
    /// <summary>
    /// Uploads are served by the API (owner only); chat photos keep WeChat's picture URL; a bare MediaId has none and is
    /// left out. Store keys and MediaIds never reach the client.
    /// </summary>
    public static RepairTicketDetails From(RepairTicketDetails d) => d with
    {
        Photos = [.. d.Photos.Select((p, i) => p.StoreKey is not null ? $"/api/mini/tickets/{d.Summary.Id}/photos/{i}" : p.PicUrl)
            .OfType<string>().Select(url => new TicketPhoto(null, url))],
    };
}
