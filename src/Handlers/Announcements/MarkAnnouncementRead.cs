using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WechatLogistics.Domain.Announcements;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Students;

namespace WechatLogistics.Handlers.Announcements;

/// <summary>
/// A student read an announcement. Marking it again changes nothing; one the student cannot see is
/// <c>announcement.not_found</c>.
/// </summary>
public sealed record MarkAnnouncementReadCommand(string OpenId, Guid AnnouncementId) : ICommand, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(OpenId), OpenId),
        .. InputRules.Unless(AnnouncementId != Guid.Empty, nameof(AnnouncementId), "请选择公告。"),
    ];
}

public sealed class MarkAnnouncementReadCommandHandler(IAppDbContext db, IMemoryCache cache, TimeProvider time)
    : ICommandHandler<MarkAnnouncementReadCommand>
{
    public async ValueTask<Unit> Handle(MarkAnnouncementReadCommand command, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var openIds = await StudentOpenIds.OfAsync(db, command.OpenId, ct);
        var visible = await MyAnnouncements.VisibleAsync(db, cache, openIds, now, ct);
        if (!await visible.AnyAsync(a => a.Id == command.AnnouncementId, ct))
        {
            throw new DomainException("announcement.not_found", "没有找到这条公告。");
        }

        if (await db.AnnouncementReads.AnyAsync(r => r.OpenId == command.OpenId && r.AnnouncementId == command.AnnouncementId, ct))
        {
            return Unit.Value;
        }

        db.AnnouncementReads.Add(new AnnouncementRead(command.AnnouncementId, command.OpenId, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A double tap saved it first: read is read.
            db.ChangeTracker.Clear();
        }

        return Unit.Value;
    }
}
