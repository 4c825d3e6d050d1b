using WechatLogistics.Domain.Common;
using WechatLogistics.Handlers.Common;
using WechatLogistics.Handlers.Conversations;
using WechatLogistics.Handlers.Conversations.Steps;
using WechatLogistics.Handlers.ReferenceData;

namespace WechatLogistics.Handlers.RepairTickets.Chat;

/// <summary>The summary, 确认, and the one command that opens the ticket.</summary>
public sealed partial class RepairDialog
{
    private async ValueTask<string> ConfirmPromptAsync(DialogContext context, CancellationToken ct) =>
        RepairTexts.ConfirmPrompt(await DraftSummaryAsync(context, ct, full: true));

    private async ValueTask<StepOutcome> HandleConfirmAsync(DialogContext context, CancellationToken ct)
    {
        if (!StepWords.IsYes(context.Text))
        {
            return StepOutcome.Again(RepairTexts.ConfirmExpected);
        }

        var draft = new RepairDraft(context.Session);
        if (draft.CategoryId is not { } categoryId || draft.Place is null || draft.Description is null)
        {
            // Only a session from an older release can lack a field the steps always fill: start that part again.
            return StepOutcome.Next(CategoryStep, RepairTexts.DraftIncomplete);
        }

        // The key was fixed when the dialog started: a repeated 确认 is the same request and finds the same ticket.
        draft.IdempotencyKey ??= RepairDraft.NewKey();
        var command = new OpenRepairTicketCommand(
            context.Input.UserId, categoryId, draft.LocationId, draft.Place, draft.Description, draft.Photos, null, draft.IdempotencyKey,
            draft.AssetCode);
        try
        {
            var result = await _sender.Send(command, ct);
            var tree = await _sender.Send(new ListRepairCategoriesQuery(), ct);
            return StepOutcome.Finish(ChatReply.Text(RepairTexts.Submitted(result, tree.PathOf(categoryId) ?? "", draft.Place)));
        }
        catch (Exception ex) when (ex is DomainException or ValidationException)
        {
            // E.g. staff retired the category meanwhile: stay on the summary, say why, let the student go back.
            var message = ex is DomainException domain ? domain.Message : ((ValidationException)ex).Errors[0].Message;
            return StepOutcome.Again(message + RepairTexts.FixWithBack);
        }
    }

    /// <summary>"水 / 水龙头 · 东区学生公寓1号楼 302 · 水龙头一直滴水" (short), or the full form for the confirm step.</summary>
    private async ValueTask<string> DraftSummaryAsync(DialogContext context, CancellationToken ct, bool full = false)
    {
        var draft = new RepairDraft(context.Session);
        var tree = await _sender.Send(new ListRepairCategoriesQuery(), ct);
        var category = draft.CategoryId is { } id ? tree.PathOf(id)
            : draft.ParentCategoryId is { } parentId ? tree.PathOf(parentId)
            : null;
        if (full)
        {
            return RepairTexts.Summary(category ?? "", draft.Place ?? "", draft.Description ?? "", draft.Photos.Count);
        }

        string?[] parts = [category, draft.Place, draft.Description is { } d ? ChatText.Shorten(d, 20) : null];
        var filled = parts.OfType<string>().ToList();
        return filled.Count == 0 ? RepairTexts.JustStarted : string.Join(" · ", filled);
    }
}
