using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Feedbacks;

/// <summary>A student's own feedback, newest first, one page at a time.</summary>
public sealed record ListMyFeedbackQuery(string AuthorOpenId, int Page = 1, int PageSize = 10) : IQuery<MyFeedbackPage>, IValidatable
{
    public const int MaxPageSize = 50;

    public IEnumerable<ValidationError> Validate()
    {
        if (string.IsNullOrWhiteSpace(AuthorOpenId) || AuthorOpenId.Length > SubmitFeedbackCommand.MaxUserIdLength)
        {
            yield return new ValidationError("authorOpenId", "缺少有效的用户标识。");
        }

        if (Page < 1)
        {
            yield return new ValidationError("page", "页码从1开始。");
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            yield return new ValidationError("pageSize", $"每页1到{MaxPageSize}条。");
        }
    }
}

public sealed record MyFeedbackPage(IReadOnlyList<MyFeedback> Items, int Page, int PageSize, int TotalCount)
{
    public bool HasMore => Page * PageSize < TotalCount;
}

public sealed record MyFeedback(
    Guid FeedbackId, FeedbackSubject Subject, string? PlaceName, int Stars, string? Text, bool Anonymous, DateTimeOffset SubmittedAt);

public sealed class ListMyFeedbackQueryHandler(IAppDbContext db) : IQueryHandler<ListMyFeedbackQuery, MyFeedbackPage>
{
    public async ValueTask<MyFeedbackPage> Handle(ListMyFeedbackQuery query, CancellationToken ct)
    {
        var mine = db.Feedbacks.AsNoTracking().Where(f => f.AuthorOpenId == query.AuthorOpenId);
        var total = await mine.CountAsync(ct);
        // (AuthorOpenId, SubmittedAt) is indexed; the id breaks ties between same-instant submissions.
        var items = await mine
            .OrderByDescending(f => f.SubmittedAt).ThenByDescending(f => f.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(f => new MyFeedback(f.Id, f.Subject, f.PlaceName, f.Stars, f.Text, f.IsAnonymous, f.SubmittedAt))
            .ToListAsync(ct);
        return new MyFeedbackPage(items, query.Page, query.PageSize, total);
    }
}
