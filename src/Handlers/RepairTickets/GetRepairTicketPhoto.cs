using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.RepairTickets;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Students;

namespace WechatLogistics.Handlers.RepairTickets;

/// <summary>
/// Photo number <paramref name="Index"/> (0-based) of one of the requester's tickets. Another student's ticket, or a
/// photo that does not exist, is <c>ticket.not_found</c>: nobody learns whether someone else's photo exists.
/// </summary>
public sealed record GetRepairTicketPhotoQuery(Guid TicketId, int Index, string RequesterOpenId) : IQuery<TicketPhoto>, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. OwnedTicket.ValidateTarget(TicketId, RequesterOpenId),
        .. InputRules.Unless(Index is >= 0 and < RepairTicket.MaxPhotos, nameof(Index), "照片序号不正确。"),
    ];
}

public sealed class GetRepairTicketPhotoQueryHandler(IAppDbContext db) : IQueryHandler<GetRepairTicketPhotoQuery, TicketPhoto>
{
    public async ValueTask<TicketPhoto> Handle(GetRepairTicketPhotoQuery query, CancellationToken ct)
    {
        var openIds = await StudentOpenIds.OfAsync(db, query.RequesterOpenId, ct);
        var photos = await db.RepairTickets.AsNoTracking()
            .Where(t => t.Id == query.TicketId && openIds.Contains(t.ReporterOpenId))
            .Select(t => t.Photos)
            .SingleOrDefaultAsync(ct);
        return photos is not null && query.Index < photos.Count ? photos[query.Index] : throw OwnedTicket.NotFound();
    }
}
