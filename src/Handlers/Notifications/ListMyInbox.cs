using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Students;

namespace WechatLogistics.Handlers.Notifications;

/// <summary>
/// The in-app inbox (notices WeChat would not let us send), newest first, for all of the person's OpenIds: a notice
/// about a ticket reported in chat lands under the Official Account's OpenId and shows in the mini-program too.
/// </summary>
public sealed record ListMyInboxQuery(string OpenId, int Page = 1, int PageSize = 10) : IQuery<InboxPage>, IValidatable
{
    public const int MaxPageSize = 50;

    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(OpenId), OpenId),
        .. InputRules.Paging(Page, PageSize, MaxPageSize),
    ];
}

public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Page, int PageSize, int Total, int Unread);

public sealed record InboxItem(Guid Id, string Title, string Body, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed class ListMyInboxQueryHandler(IAppDbContext db) : IQueryHandler<ListMyInboxQuery, InboxPage>
{
    public async ValueTask<InboxPage> Handle(ListMyInboxQuery query, CancellationToken ct)
    {
        var openIds = await StudentOpenIds.OfAsync(db, query.OpenId, ct);
        var mine = db.InboxMessages.AsNoTracking().Where(m => openIds.Contains(m.OpenId));
        var total = await mine.CountAsync(ct);
        var unread = await mine.CountAsync(m => m.ReadAt == null, ct);
        var items = await mine
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(m => new InboxItem(m.Id, m.Title, m.Body, m.CreatedAt, m.ReadAt))
            .ToListAsync(ct);
        return new InboxPage(items, query.Page, query.PageSize, total, unread);
    }
}

/// <summary>The student opened an inbox entry; someone else's entry is <c>inbox.not_found</c>.</summary>
public sealed record MarkInboxMessageReadCommand(string OpenId, Guid MessageId) : ICommand, IValidatable
{
    public IEnumerable<ValidationError> Validate() =>
    [
        .. InputRules.UserId(nameof(OpenId), OpenId),
        .. InputRules.Unless(MessageId != Guid.Empty, nameof(MessageId), "请选择消息。"),
    ];
}

public sealed class MarkInboxMessageReadCommandHandler(IAppDbContext db, TimeProvider time) : ICommandHandler<MarkInboxMessageReadCommand>
{
    public async ValueTask<Unit> Handle(MarkInboxMessageReadCommand command, CancellationToken ct)
    {
        var openIds = await StudentOpenIds.OfAsync(db, command.OpenId, ct);
        var message = await db.InboxMessages.SingleOrDefaultAsync(m => m.Id == command.MessageId && openIds.Contains(m.OpenId), ct)
            ?? throw new DomainException("inbox.not_found", "没有找到这条消息。");
        message.MarkRead(time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
