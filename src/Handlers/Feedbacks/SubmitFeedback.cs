using Mediator;
using Microsoft.EntityFrameworkCore;
using WechatLogistics.Domain.Common;
using WechatLogistics.Domain.Feedbacks;
using WechatLogistics.Handlers.Common;

namespace WechatLogistics.Handlers.Feedbacks;

/// <summary>A student rates a service: 1–5 stars, optional text (required at 1–2 stars), optionally anonymous.</summary>
public sealed record SubmitFeedbackCommand(
    string AuthorOpenId,
    FeedbackSubject Subject,
    string? PlaceName,
    int Stars,
    string? Text,
    bool Anonymous) : ICommand<SubmitFeedbackResult>, IValidatable
{
    /// <summary>OpenIds are 28 characters, WeCom UserIds at most 64: the width of the user-id columns.</summary>
    public const int MaxUserIdLength = 64;

    /// <summary>
    /// Optional idempotency key, becoming the feedback's id: a second submit with the same key (a double tap, a
    /// retried request) returns the first feedback instead of storing another.
    /// </summary>
    public Guid? RequestId { get; init; }

    public IEnumerable<ValidationError> Validate()
    {
        if (string.IsNullOrWhiteSpace(AuthorOpenId) || AuthorOpenId.Length > MaxUserIdLength)
        {
            yield return new ValidationError("authorOpenId", "缺少有效的用户标识。");
        }

        if (!Enum.IsDefined(Subject))
        {
            yield return new ValidationError("subject", "请选择评价对象。");
        }

        if (Stars is < 1 or > 5)
        {
            yield return new ValidationError("stars", "请给出1到5星的评分。");
        }

        if (Text?.Trim().Length > Feedback.MaxTextLength)
        {
            yield return new ValidationError("text", $"评价内容不能超过{Feedback.MaxTextLength}个字。");
        }

        if (PlaceName?.Trim().Length > Feedback.MaxPlaceNameLength)
        {
            yield return new ValidationError("placeName", $"地点名称不能超过{Feedback.MaxPlaceNameLength}个字。");
        }

        if (RequestId == Guid.Empty)
        {
            yield return new ValidationError("requestId", "请求标识无效。");
        }
    }
}

/// <param name="AlreadySubmitted">True when <see cref="SubmitFeedbackCommand.RequestId"/> had been used: nothing new was stored.</param>
public sealed record SubmitFeedbackResult(Guid FeedbackId, DateTimeOffset SubmittedAt, bool AlreadySubmitted);

/// <summary>Applies <see cref="Feedback.Submit"/> and saves; the low-score-needs-a-reason rule is the domain's.</summary>
public sealed class SubmitFeedbackCommandHandler(IAppDbContext db, TimeProvider time)
    : ICommandHandler<SubmitFeedbackCommand, SubmitFeedbackResult>
{
    public async ValueTask<SubmitFeedbackResult> Handle(SubmitFeedbackCommand command, CancellationToken ct)
    {
        if (command.RequestId is { } requestId && await EarlierAsync(requestId, command, ct) is { } earlier)
        {
            return earlier;
        }

        var feedback = Feedback.Submit(
            command.AuthorOpenId, command.Subject, command.PlaceName, command.Stars, command.Text, command.Anonymous,
            time.GetUtcNow(), command.RequestId);
        db.Feedbacks.Add(feedback);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (command.RequestId is { } id)
        {
            // The same request saved concurrently (two deliveries of one "confirm"): the primary key refused the
            // second row, so answer with the first.
            db.ChangeTracker.Clear();
            return await EarlierAsync(id, command, ct) ?? throw new DomainException("feedback.busy", "提交失败，请稍后再试。");
        }

        return new SubmitFeedbackResult(feedback.Id, feedback.SubmittedAt, AlreadySubmitted: false);
    }

    private async Task<SubmitFeedbackResult?> EarlierAsync(Guid requestId, SubmitFeedbackCommand command, CancellationToken ct)
    {
        var earlier = await db.Feedbacks.AsNoTracking().SingleOrDefaultAsync(f => f.Id == requestId, ct);
        return earlier switch
        {
            null => null,
            // Someone else's key: refuse without saying whose.
            _ when earlier.AuthorOpenId != command.AuthorOpenId => throw new DomainException("feedback.duplicate_request", "请求标识已被使用，请重新提交。"),
            // The same key with different feedback: a client bug, not a retry.
            _ when !SameFeedback(earlier, command) => throw new DomainException("feedback.idempotency_mismatch", "这个请求标识已用于另一条评价，请刷新后重新提交。"),
            _ => new SubmitFeedbackResult(requestId, earlier.SubmittedAt, AlreadySubmitted: true),
        };
    }

    private static bool SameFeedback(Feedback earlier, SubmitFeedbackCommand command) =>
        earlier.Subject == command.Subject && earlier.Stars == command.Stars && earlier.IsAnonymous == command.Anonymous
        && string.Equals(earlier.Text ?? "", command.Text?.Trim() ?? "", StringComparison.Ordinal);
}
